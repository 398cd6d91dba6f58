/** exceljs's table of Excel's built-in number formats by id (read in xlsx-parse.ts): `f` the code where one culture's, else by culture. */
declare module 'exceljs/lib/xlsx/defaultnumformats.js' {
  const formats: Record<number, { f?: string; 'zh-cn'?: string } | undefined>;
  export default formats;
}
