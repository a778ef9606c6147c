// write-excel-file's builder of the files inside an .xlsx (XML text by path), which its package does not export:
// src/client/export/xlsx.ts zips them itself (see there why). The .xlsx tests read the result back, so a version of
// the package that moves or changes this module fails them.
import type { Options, Sheet } from 'write-excel-file/universal'
// @ts-expect-error -- an internal module of write-excel-file, without type declarations (typed below)
import generate from '../../../node_modules/write-excel-file/modules/xlsx/generateXlsxFileContents.js'

/** The files of an .xlsx as write-excel-file builds them before zipping: path → XML text (a Blob for images, unused here). */
const generateXlsxFileContents = generate as (sheets: Sheet<Blob>[], options?: Options<Blob>) => Record<string, string | Blob>

export default generateXlsxFileContents
