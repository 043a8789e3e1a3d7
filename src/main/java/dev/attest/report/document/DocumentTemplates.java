package dev.attest.report.document;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The FreeMarker template family behind the HTML and PDF reports: {@code templates/report.ftlh}
 * and what it includes, taken from the jar, each file overridable from a user's folder
 * ({@code --templates DIR}) so a copy of one stylesheet is enough to rebrand. Templates are
 * HTML output format, so every interpolated value is escaped; user templates cannot reach Java
 * classes.
 */
public final class DocumentTemplates {
  public static final String MAIN = "report.ftlh";

  private final Configuration config;
  private final Path folder;

  public DocumentTemplates(Path folder) throws IOException {
    this.folder = folder;
    TemplateLoader bundled = new ClassTemplateLoader(DocumentTemplates.class, "/templates");
    TemplateLoader loader = bundled;
    if (folder != null) {
      if (!Files.isDirectory(folder)) {
        throw new IOException("templates folder " + folder + " does not exist or is not a folder");
      }
      loader = new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(folder.toFile()), bundled});
    }
    config = new Configuration(Configuration.VERSION_2_3_33);
    config.setTemplateLoader(loader);
    config.setDefaultEncoding("UTF-8");
    // .ftlh means HTML auto-escaping; files included without that extension (the CSS, the JS) are HTML too.
    config.setRecognizeStandardFileExtensions(true);
    config.setOutputFormat(HTMLOutputFormat.INSTANCE);
    config.setLocale(Locale.US);
    config.setNumberFormat("computer");
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setWrapUncheckedExceptions(true);
    config.setFallbackOnNullLoopVariable(false);
    config.setAPIBuiltinEnabled(false);
    config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    config.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_33).build());
  }

  /** Renders the report template with the view as {@code report}; errors name the template file and place. */
  public String render(ReportView view) throws IOException {
    StringWriter out = new StringWriter();
    try {
      Template template = config.getTemplate(MAIN);
      template.process(Map.of("report", view), out);
    } catch (ParseException e) {
      throw new IOException(where(e.getTemplateName(), e.getLineNumber(), e.getColumnNumber())
          + firstLine(e.getEditorMessage()), e);
    } catch (TemplateException e) {
      String message = firstLine(e.getMessageWithoutStackTop());
      // FreeMarker puts the offending expression on the next line; keep it on ours.
      if (message.endsWith(":") && e.getBlamedExpressionString() != null) {
        message += " " + e.getBlamedExpressionString();
      }
      throw new IOException(where(e.getTemplateSourceName(), e.getLineNumber(), e.getColumnNumber()) + message, e);
    }
    return out.toString();
  }

  private String where(String template, Integer line, Integer column) {
    String name = template == null ? MAIN : template;
    Path file = folder != null && Files.isRegularFile(folder.resolve(name)) ? folder.resolve(name)
        : Path.of("templates", name);
    return file + (line == null ? "" : ":" + line + (column == null ? "" : ":" + column)) + ": ";
  }

  private static String firstLine(String message) {
    List<String> lines = message == null ? List.of() : message.strip().lines().toList();
    return lines.isEmpty() ? "template error" : lines.get(0);
  }
}
