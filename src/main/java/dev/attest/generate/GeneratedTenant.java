package dev.attest.generate;

import java.nio.file.Path;
import java.util.List;

/** What the generator wrote: object count, the demo cells it cloned, subscriptions, files and bytes. */
public record GeneratedTenant(int objects, int cells, int subscriptions, List<Path> files, long bytes) {
  public GeneratedTenant {
    files = List.copyOf(files);
  }
}
