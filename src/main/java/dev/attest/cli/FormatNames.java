package dev.attest.cli;

import dev.attest.report.ReportFormats;
import java.util.Iterator;

/** The registered format names, for --format's help text (so it never lists a stale set). */
final class FormatNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return new ReportFormats().names().iterator();
  }
}
