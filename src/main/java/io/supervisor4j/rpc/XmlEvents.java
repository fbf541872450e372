package io.supervisor4j.rpc;

/**
 * The few pull-parser events {@link XmlRpcReader} needs, so it can run on the JDK's hardened StAX parser (server
 * side, hostile input) or on {@link MiniXmlEvents} (client side, where loading StAX costs a CLI tens of ms).
 */
interface XmlEvents extends AutoCloseable {
  int START_ELEMENT = 1;
  int END_ELEMENT = 2;
  int CHARACTERS = 4;
  int END_DOCUMENT = 8;
  int OTHER = 0;

  /** Advances and returns the event type; DOCTYPE declarations and undeclared entities throw XmlRpcException. */
  int next();

  /** The local name of the current element (at START_ELEMENT). */
  String name();

  /** The text of the current CHARACTERS event. */
  String text();

  @Override
  void close();
}
