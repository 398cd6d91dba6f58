#!/usr/bin/python3
"""Make the CJK font subsets the PDF score sheets embed: resources/fonts/NotoSansSC-Sheet-{Regular,Bold}.otf.

Source: Noto Sans CJK SC (Regular and Bold) from Debian's `fonts-noto-cjk`
(/usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc, font number 2 =
NotoSansCJKsc-*), SIL Open Font License 1.1 (resources/fonts/OFL.txt).

Character set (see resources/fonts/README.md):
  - ASCII and Latin-1 (U+0020-U+007E, U+00A0-U+00FF);
  - every character of GB2312 (6,763 hanzi plus its 682 symbols, full-width forms and the
    like), taken from Python's own gb2312 codec;
  - common name characters that GBK has and GB2312 lacks (NAME_CHARS below: 喆 堃 玥 ...);
  - general punctuation, CJK symbols and punctuation, full-width forms;
  - the symbols the sheet prints (− … → × ÷ ✓ · • and friends).
Characters outside this set still print: electron/pdf/fonts.ts checks every character of a
sheet against the subset's cmap and falls back to the full system font for that sheet.

Runs on Debian only, by hand, when the character set changes (the subsets are committed;
tests and install never run it). Needs Debian's python3 with python3-fonttools, which is why
the shebang names /usr/bin/python3 (another python3 on PATH may lack fontTools):

    sudo apt-get install fonts-noto-cjk python3-fonttools
    /usr/bin/python3 scripts/make-font-subset.py            # writes resources/fonts/
    /usr/bin/python3 scripts/make-font-subset.py --out DIR  # elsewhere

The output is reproducible: the same Debian font and fontTools give byte-identical files
(the head table's modified date is pinned to the source font's).
"""
import argparse
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE_DIR = '/usr/share/fonts/opentype/noto'
FONT_NUMBER = 2  # NotoSansCJKsc-* inside Debian's NotoSansCJK-*.ttc
WEIGHTS = {'Regular': 'NotoSansCJK-Regular.ttc', 'Bold': 'NotoSansCJK-Bold.ttc'}
OUT_NAME = 'NotoSansSC-Sheet-{weight}.otf'

# Characters common in personal (and some place) names that GBK has but GB2312 lacks.
# Candidates are filtered below: only those in GBK, not in GB2312, and in the source font stay.
NAME_CHARS = (
    '喆堃玥珺瑄琤璟祎玙琇旸晞晗炘炅煊熠燚赟頔玹瑢璠婳媱偲伋佶俣弢翀昇昉昶晟暐暻曌曈珩珮'
    '琬琮琰瑀瑗瑭瑱璇璐璘璞璨璩瓒钖铖锘镕堉垚埕垲堇媖嫚嬿姮妘婠蓁芃苒荃莜葳蕤溱沄泠洺浛淏'
    '湉滢潆澍灏焜烨焘燊彧骢鹍翚翊韡颢颉昱暄焓杺桢樾橦棽犇骉珈珅珞琯璁禛祯秾箐篪綦缇缙翕聿'
    '肜胤臻苡荟葭蓓薏虓覃訾谌谞赜邕郗郜鄢酆铄锟锴镛闿阚陟隽霁韪韫颀飒骅鼐龑䶮邨冼仝逄亓'
    '虢笪禤甯昝佴琚隗钭厍蒯晁啟啓峯煒曦喬瑋瑩緒鈺銘錦鎧鑫淼焱垚晧皓暠昕玟珣珵琁琎琋瑒瑨'
    '瑳璆璈璎璿瓔珽瑃晅晔昺昳晊曜晢炤烔炜烺焌煐煇熤熹燏燨燝燿爔垣埼堨墉壵嫘姞姁妧婞婼媛媞'
    '嫱嬛孋娉娖婵嫒婍巍崟嵘嵩嶙峣崴岚岿昀昝晏曚甦畯睿瞳砚碧祁禕禩稷穰筱簃籛絜缃缈羲翥翙翮'
    '耀聃胥舣艽芸苾茈茝莞莳菀菂萁萩蒨蓥蔻蕊蕗蕺薰藻蘅蘩蘼虬蛰衎袆袗裕褀襄觐詝誉谖谡赉赍'
    '赪跹踔逍遒邈郦酃醴釆钤钲钺铍铨铻锃锜锳锽镈镗镠镡镤闳阗陉隃雎霈霏霓靑韧頫顼颋颙飏饫'
    '馝馞骙骕骥骦鹓鹔鹣麟黉鼒龢'
)

# The symbols the sheet prints, plus a few one reaches for in notes.
SHEET_SYMBOLS = '−–—…→←↑↓×÷✓·•●○■□▲△★☆※‰′″℃№§¶°±≤≥≠≈∑√∞'

RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 supplement
    (0x2010, 0x205E),  # general punctuation
    (0x2100, 0x215F),  # letterlike symbols, number forms
    (0x2160, 0x217F),  # Roman numerals
    (0x2190, 0x2199),  # arrows
    (0x2460, 0x24FF),  # enclosed alphanumerics ①…
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3200, 0x32FF),  # enclosed CJK letters and months
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF01, 0xFF5E),  # full-width ASCII
    (0xFF5F, 0xFFEF),  # half-width and full-width forms (￥ ￠ …)
]


def codec_chars(codec):
    """Every character a 2-byte Chinese codec encodes (lead bytes 0x81-0xFE, trail 0x40-0xFE)."""
    chars = set()
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            try:
                chars.add(bytes([lead, trail]).decode(codec))
            except UnicodeDecodeError:
                pass
    return chars


def charset(cmap):
    gb2312 = codec_chars('gb2312')
    gbk = codec_chars('gbk')
    names = {c for c in NAME_CHARS if c in gbk and c not in gb2312}
    wanted = set(gb2312) | names | set(SHEET_SYMBOLS)
    for lo, hi in RANGES:
        wanted.update(chr(c) for c in range(lo, hi + 1))
    present = {c for c in wanted if ord(c) in cmap}
    return present, sorted(names), sorted(c for c in SHEET_SYMBOLS if ord(c) not in cmap)


def make(weight, ttc, out_dir):
    src = os.path.join(SOURCE_DIR, ttc)
    font = TTFont(src, fontNumber=FONT_NUMBER, recalcTimestamp=False)
    ps = font['name'].getDebugName(6)
    if not ps.startswith('NotoSansCJKsc-'):
        sys.exit(f'{src} font number {FONT_NUMBER} is {ps}, expected NotoSansCJKsc-*')
    chars, names, missing_symbols = charset(font.getBestCmap())
    options = subset.Options()
    # Only kerning: 'locl' and friends would pull in the Japanese/Korean/Traditional variant
    # glyphs (14,436 glyphs instead of 8,407) and fontkit would shape with them for nothing.
    options.layout_features = ['kern']
    options.name_IDs = ['*']  # keep copyright, licence, designer
    options.name_languages = [0x409]
    options.drop_tables += ['VORG', 'vhea', 'vmtx', 'BASE']
    options.hinting = False  # PDF viewers hint themselves; smaller
    # Self-contained glyphs: fontkit's per-document subset then copies only what it uses (a sheet
    # is ~28 KB instead of ~52 KB with subroutines) and renders faster.
    options.desubroutinize = True
    options.notdef_outline = True
    options.recalc_timestamp = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, OUT_NAME.format(weight=weight))
    font.save(out)
    print(f'{out}: {os.path.getsize(out):,} bytes, {len(font.getBestCmap()):,} characters, {len(names)} name characters beyond GB2312')
    if missing_symbols:
        print(f'  not in the source font (the sheet must not use them): {" ".join(missing_symbols)}')


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split('\n', 1)[0])
    parser.add_argument('--out', default=os.path.join(here, '..', 'resources', 'fonts'))
    args = parser.parse_args()
    for weight, ttc in WEIGHTS.items():
        make(weight, ttc, os.path.normpath(args.out))


if __name__ == '__main__':
    main()
