/** `scorecard --help`. */
import { CHAIN_ROLES } from '../../shared/chain.ts';
import { MAX_YEAR, MIN_YEAR } from '../../shared/period.ts';

export const USAGE = `Usage: scorecard <command> [options]

Commands:
  score FILE|-              score a sheet input (JSON) with the built-in rubrics
  pay FILE|-                compute monthly pay (JSON)
  annual FILE|-             compute an annual score (JSON)
  rubric list               list the built-in rubrics
  rubric show ID [--json] [--lang zh|en]
                            print a rubric as text, or its full definition as JSON
  demo --db PATH            create (or fill an empty) database with the demo organisation
  db backups --db PATH      list the database's backups (in backups/ next to it), newest first
  db restore --db PATH --backup NAME
                            restore a backup over a database (also one the app refuses to open):
                            the backup is verified, the current file is moved aside unchanged

Imports (the app's own preview, rules and refusals; a file with a problem is refused whole and
nothing is written, exit 1, each problem named by line and column):
  roster import --db PATH FILE [--dry-run] [--json]
                            add and update people from a roster (花名册): CSV (UTF-8 with or
                            without BOM, GBK/GB18030, UTF-16 with BOM) or XLSX; columns by header
                            (工号, 姓名, 岗位, 区域, optional 起始月份)
  figures import --db PATH --month YYYY-MM FILE [--dry-run] [--json]
                            the month's salary totals and KPIs (工资总额, KPI columns by name) from
                            CSV or XLSX; an empty cell keeps the stored value
                            Both print the preview (rows to add or update, each row's problems), then
                            what was written; --dry-run writes nothing. They act as the database's
                            recorded user (Settings in the app): a regional manager imports figures
                            for their region's people only; with no recorded user, as HR, for everyone.
  findings import --db PATH --month YYYY-MM --from GROUP FILE [--dry-run] [--json]
                            a department's findings for the month (GROUP: id or name, e.g. 索赔组 or
                            claims) into the draft sheets, each deduction with its source; columns
                            by header (工号, 项目, 次数, 等级, 扣分, 事件, 交付日期, 日期, 备注); a row for an
                            item the department does not assess is refused; people outside the
                            user's region are skipped; ready/signed/approved sheets are listed (amend)
  findings template --db PATH --month YYYY-MM --from GROUP --out FILE.xlsx
                            the department's template: the month's people and its items
  findings choices --db PATH --month YYYY-MM [--json]
                            the choices waiting where departments' findings differ from the
                            manager's value or from each other (person, item, each side's value
                            and department); until chosen the item keeps its value and the sheet
                            cannot be marked ready
  findings choose --db PATH --month YYYY-MM --employee NO --item ITEM --take all|departments|manager|GROUP
                            settle one: for values that add up, count all, only the departments'
                            or only the manager's; for a grade, whose (manager or the department,
                            by id or name); the draft sheet takes the chosen value
  sheet show --db PATH --person NO --month YYYY-MM [--json]
                            one sheet: the stored input, the result, each deduction's source

Signed score sheets (passphrases from SCORECARD_PASSPHRASE, else asked on the terminal):
  identity create --name NAME --role ${CHAIN_ROLES.join('|')} --out FILE.p12 [--email ADDRESS] [--employee-no NO] [--rsa]
                            create a signing identity: FILE.p12 and its certificate FILE.cer,
                            bound to the holder's employee number (required for manager)
  export --db PATH --month YYYY-MM [--region CODE] --out DIR --identity FILE.p12 [--lang zh|en]
                            export and sign the month's ready sheets (the identity's step; a
                            regional manager: only their own region)
  sign FILE.pdf... --identity FILE.p12 [--comment TEXT] [--trust DIR] [--db PATH]
                            approve: append the identity's signature (checked against the chain;
                            --db adds the database's trusted signers and the rubrics HQ published)
  sign [FILE.pdf...] --inbox --db PATH --identity FILE.p12 [--month YYYY-MM] [--region CODE] [--comment TEXT] [--out DIR]
                            the app's bulk approval on the database's inbox: each file (or every
                            entry pending at the identity's step) signed, or skipped with its reason
  verify FILE|DIR... [--trust DIR] [--db PATH] [--json]
                            verify signed sheets against the trusted certificates in DIR
                            (or the database's trusted signers); exit 0 only if every file passes
  import --db PATH FILE|DIR... [--trust DIR]
                            HR: import fully approved sheets (idempotent); exit 1 if any is refused

Reports (the same figures as the app; without --out a table on standard output):
  report pay --db PATH --month YYYY-MM [--out FILE.xlsx|FILE.csv] [--lang zh|en]
                            monthly pay per person (base, plan part, assessment part, bonus)
  report annual --db PATH --year YYYY [--out FILE.xlsx|FILE.csv|FILE.pdf] [--basis approved|all] [--lang zh|en]
                            annual scores: 12 months, Σ÷12, missing months, rank in region and role;
                            basis approved (default: only HR-approved sheets count) or all
                            Bad arguments: one message, exit 2.

Arguments are checked with the app's own rules (a month is YYYY-MM, years ${MIN_YEAR}–${MAX_YEAR}; --lang
is zh or en): a refusal names the flag, the value and what is allowed. FILE is a JSON file, or - for
standard input. Output is JSON on standard output (verify, roster and figures: text unless --json).
When another program holds the database's write lock for more than a few seconds, the command
stops with "the database is in use by …" and writes nothing.`;
