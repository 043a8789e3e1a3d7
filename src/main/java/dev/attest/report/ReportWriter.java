package dev.attest.report;

import dev.attest.assessment.Assessment;
import java.io.IOException;
import java.nio.file.Path;

/** Renders an assessment into one output format inside an output folder. */
public interface ReportWriter {
  /** The format name users pass to --format. */
  String format();

  /** Writes the report and returns the file written. */
  Path write(Assessment assessment, Path outputDir) throws IOException;
}
