package dev.attest.report.pdf;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.Text;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Per-character font fallback for Flying Saucer, which draws each text run in one font: in the
 * parsed XHTML, every run of characters the text and code fonts lack is moved into a
 * {@code <span>} whose font-family is the first font of the chain that has them. Only text nodes
 * are split (their characters stay text, so nothing becomes markup); style and head are left alone.
 */
final class PdfGlyphFallback {
  private static final String XHTML = "http://www.w3.org/1999/xhtml";
  private static final Set<String> SKIPPED = Set.of("head", "style", "script", "bookmarks");

  private final PdfFonts fonts;

  PdfGlyphFallback(PdfFonts fonts) {
    this.fonts = fonts;
  }

  /** Parses the rendered XHTML (no DTD, no external entities) and applies the fallback spans. */
  Document apply(String xhtml) throws IOException {
    Document document = parse(xhtml);
    walk(document.getDocumentElement());
    return document;
  }

  private void walk(Element element) {
    if (SKIPPED.contains(element.getLocalName() == null ? element.getTagName() : element.getLocalName())) {
      return;
    }
    List<Node> children = new ArrayList<>();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      children.add(child);
    }
    for (Node child : children) {
      if (child instanceof Element e) {
        walk(e);
      } else if (child instanceof Text t && child.getNodeType() == Node.TEXT_NODE) {
        split(t);
      }
    }
  }

  /** Replaces the text node by plain runs and fallback spans when it holds characters the base fonts lack. */
  private void split(Text node) {
    String text = node.getData();
    if (text.codePoints().allMatch(cp -> Character.isWhitespace(cp) || fonts.inBaseFonts(cp))) {
      return;
    }
    Node parent = node.getParentNode();
    Document doc = node.getOwnerDocument();
    StringBuilder run = new StringBuilder();
    String runFamily = null;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      String family = family(cp, runFamily);
      if (run.length() > 0 && !java.util.Objects.equals(family, runFamily)) {
        parent.insertBefore(piece(doc, run.toString(), runFamily), node);
        run.setLength(0);
      }
      runFamily = family;
      run.appendCodePoint(cp);
      i += Character.charCount(cp);
    }
    if (run.length() > 0) {
      parent.insertBefore(piece(doc, run.toString(), runFamily), node);
    }
    parent.removeChild(node);
  }

  /** The fallback family for a character, or null for the element's own font; a space joins the run it is in. */
  private String family(int cp, String current) {
    if (cp == ' ') {
      return current;
    }
    if (fonts.inBaseFonts(cp)) {
      return null;
    }
    PdfFonts.Face face = fonts.faceFor(cp);
    // A character no font has stays in the element's font (it is dropped there; the cover says so).
    return face == null ? null : face.family();
  }

  private static Node piece(Document doc, String text, String family) {
    if (family == null) {
      return doc.createTextNode(text);
    }
    Element span = doc.createElementNS(XHTML, "span");
    span.setAttribute("style", "font-family: " + family);
    span.appendChild(doc.createTextNode(text));
    return span;
  }

  private static Document parse(String xhtml) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      // The exception says what is wrong; the parser's own printing to stderr would say it twice.
      builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
          throw e;
        }
      });
      return builder.parse(new InputSource(new StringReader(xhtml)));
    } catch (ParserConfigurationException | SAXException e) {
      String where = e instanceof org.xml.sax.SAXParseException p ? "line " + p.getLineNumber() + ": " : "";
      throw new IOException("the PDF markup is not well-formed XHTML (" + where + e.getMessage() + ")", e);
    }
  }
}
