package io.supervisor4j.rpc;

import java.io.ByteArrayInputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * {@link XmlEvents} over the JDK's StAX parser, hardened for untrusted input: DTD support and external entities
 * off, any DOCTYPE or entity reference event rejected, text coalesced.
 */
final class StaxEvents implements XmlEvents {
  private static final XMLInputFactory FACTORY = hardenedFactory();

  private final XMLStreamReader in;

  StaxEvents(byte[] body) {
    try {
      in = FACTORY.createXMLStreamReader(new ByteArrayInputStream(body));
    } catch (XMLStreamException e) {
      throw new XmlRpcException("unparseable XML: " + e.getMessage(), e);
    }
  }

  private static XMLInputFactory hardenedFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory(); // the JDK's own parser, whatever is on the class path
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
      throw new XMLStreamException("external entities are not allowed");
    });
    return f;
  }

  @Override
  public int next() {
    try {
      return switch (in.next()) {
        case XMLStreamConstants.DTD -> throw new XmlRpcException("DOCTYPE is not allowed");
        case XMLStreamConstants.ENTITY_REFERENCE -> throw new XmlRpcException("entity references are not allowed");
        case XMLStreamConstants.START_ELEMENT -> START_ELEMENT;
        case XMLStreamConstants.END_ELEMENT -> END_ELEMENT;
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> CHARACTERS;
        case XMLStreamConstants.END_DOCUMENT -> END_DOCUMENT;
        default -> OTHER;
      };
    } catch (XMLStreamException e) {
      throw new XmlRpcException("unparseable XML-RPC: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return in.getLocalName();
  }

  @Override
  public String text() {
    return in.getText();
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (XMLStreamException ignored) {
      // nothing to release beyond the in-memory stream
    }
  }
}
