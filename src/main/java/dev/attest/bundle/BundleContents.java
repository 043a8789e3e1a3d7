package dev.attest.bundle;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of a bundle to verify, from its folder or its zip, by "/"-separated path relative to
 * the bundle folder. Opening reports what makes the container itself untrustworthy (a truncated
 * or corrupt zip, entries escaping the folder, symbolic links) instead of reading past it.
 */
abstract class BundleContents implements Closeable {
  /** Regular files, sorted by path. */
  abstract List<String> paths();

  abstract InputStream open(String path) throws IOException;

  abstract long size(String path) throws IOException;

  byte[] read(String path) throws IOException {
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    }
  }

  String sha256(String path) throws IOException {
    try (InputStream in = open(path)) {
      return BundleWriter.sha256(in);
    }
  }

  /** Opens a folder or zip; returns null after adding one line per problem when it cannot be trusted. */
  static BundleContents open(Path bundle, List<String> problems) {
    return Files.isDirectory(bundle) ? Folder.open(bundle, problems) : Zip.open(bundle, problems);
  }

  /** A bundle folder. */
  static final class Folder extends BundleContents {
    private final Path root;
    private final List<String> paths;

    private Folder(Path root, List<String> paths) {
      this.root = root;
      this.paths = paths;
    }

    static Folder open(Path root, List<String> problems) {
      List<String> paths = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(root)) {
        for (Path path : walk.sorted().toList()) {
          if (Files.isSymbolicLink(path)) {
            problems.add("unsafe: " + BundleWriter.relative(root, path)
                + " is a symbolic link; a bundle holds only plain files");
          } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            paths.add(BundleWriter.relative(root, path));
          }
        }
      } catch (IOException e) {
        problems.add("corrupt: " + root + " cannot be listed: " + e.getMessage());
        return null;
      }
      return problems.isEmpty() ? new Folder(root, paths.stream().sorted().toList()) : null;
    }

    @Override
    List<String> paths() {
      return paths;
    }

    @Override
    InputStream open(String path) throws IOException {
      return Files.newInputStream(root.resolve(path));
    }

    @Override
    long size(String path) throws IOException {
      return Files.size(root.resolve(path));
    }

    @Override
    public void close() {}
  }

  /** A bundle zip: every entry under one top-level folder, named after the bundle. */
  static final class Zip extends BundleContents {
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries;

    private Zip(ZipFile zip, Map<String, ZipEntry> entries) {
      this.zip = zip;
      this.entries = entries;
    }

    static Zip open(Path file, List<String> problems) {
      ZipFile zip;
      try {
        zip = new ZipFile(file.toFile());
      } catch (IOException e) {
        problems.add("corrupt: " + file.getFileName() + " is truncated or not a zip file (" + e.getMessage() + ")");
        return null;
      }
      Map<String, ZipEntry> entries = new LinkedHashMap<>();
      String top = null;
      for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
        ZipEntry entry = it.nextElement();
        String name = entry.getName();
        if (!isSafe(name)) {
          problems.add("unsafe: zip entry '" + name + "' escapes the bundle folder (absolute path, '..' or '\\'); "
              + "the zip is rejected");
          continue;
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        if (top == null) {
          top = first;
        }
        if (first.isEmpty() || !first.equals(top)) {
          problems.add("corrupt: zip entry '" + name + "' is not under the bundle's top-level folder '" + top + "/'");
          continue;
        }
        if (entry.isDirectory()) {
          continue;
        }
        if (entries.put(name.substring(slash + 1), entry) != null) {
          problems.add("corrupt: zip entry '" + name + "' appears twice");
        }
      }
      if (!problems.isEmpty()) {
        closeQuietly(zip);
        return null;
      }
      Map<String, ZipEntry> sorted = new java.util.TreeMap<>(entries);
      return new Zip(zip, sorted);
    }

    /** Relative, no empty, '.' or '..' segment, no backslash, no drive letter. */
    static boolean isSafe(String name) {
      if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
        return false;
      }
      String[] segments = name.split("/", -1);
      for (int i = 0; i < segments.length; i++) {
        String segment = segments[i];
        boolean trailing = i == segments.length - 1 && segment.isEmpty();
        if (segment.equals("..") || segment.equals(".") || (segment.isEmpty() && !trailing)) {
          return false;
        }
      }
      return true;
    }

    @Override
    List<String> paths() {
      return List.copyOf(entries.keySet());
    }

    @Override
    InputStream open(String path) throws IOException {
      return zip.getInputStream(entries.get(path));
    }

    @Override
    long size(String path) {
      return entries.get(path).getSize();
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }

    private static void closeQuietly(ZipFile zip) {
      try {
        zip.close();
      } catch (IOException ignored) {
        // Already failing; the problems say why.
      }
    }
  }
}
