package dev.attest.report.csv;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One spreadsheet-safe CSV file: UTF-8 with a byte-order mark (so Excel does not read it as the
 * local code page), a header row, RFC 4180 quoting (only the cells that need it), CRLF line ends,
 * and every cell a spreadsheet would take for a formula defused with a leading apostrophe.
 */
final class CsvFile {
  static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  // Strict checking quotes only the cells that need it (separator, quote, line break), per RFC 4180.
  static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

  private CsvFile() {}

  /** Writes {@code header} and then each row (as many cells as the header, each passed through {@link #cell}). */
  static Path write(Path file, List<String> header, Iterable<List<String>> rows) throws IOException {
    CsvSchema.Builder columns = CsvSchema.builder();
    header.forEach(columns::addColumn);
    CsvSchema schema = columns.build().withHeader().withLineSeparator("\r\n");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(BOM);
      Writer text = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      try (SequenceWriter writer = MAPPER.writer(schema).writeValues(text)) {
        for (List<String> row : rows) {
          if (row.size() != header.size()) {
            throw new IllegalStateException(file.getFileName() + ": a row of " + row.size() + " cells under "
                + header.size() + " columns");
          }
          writer.write(row.stream().map(CsvFile::cell).toList());
        }
      }
    }
    return file;
  }

  /**
   * A cell a spreadsheet will show as text: values starting with a formula trigger (= + - @, or
   * a tab or carriage return that some spreadsheets strip before looking) get a leading
   * apostrophe, because resource names, tags and register text come from people and tenants.
   */
  static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char first = value.charAt(0);
    boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    return formula ? "'" + value : value;
  }
}
