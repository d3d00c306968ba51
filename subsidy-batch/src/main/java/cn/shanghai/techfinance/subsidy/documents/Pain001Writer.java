package cn.shanghai.techfinance.subsidy.documents;

import java.io.ByteArrayOutputStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A settlement's payment instructions as an ISO 20022 customer credit transfer initiation,
 * {@code pain.001.001.09}, in CNY: one payment (PmtInf) from the treasury's account, one CdtTrfTxInf
 * per instruction. NbOfTxs and CtrlSum are those of the CSV's trailer ({@link PaymentInstruction.Totals}).
 *
 * <p>Elements follow the schema's sequence order. Text that breaks the schema's limits (Max35Text
 * ids, Max34Text accounts, Max140Text names, 1 character at least, no control characters) is
 * <b>refused</b> with an IllegalArgumentException naming the element, never truncated: a payment file
 * must say exactly what was approved, and a cut name or id would pay or match the wrong party.
 * The claim ids are the one exception by design: they are split, between ids, over as many Ustrd
 * (140 characters each) as they need.
 *
 * <p>UTF-8, Chinese written as itself (not as character references), indented for people reading it.
 */
public final class Pain001Writer {

    public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

    static final int MAX_ID = 35;
    static final int MAX_ACCOUNT = 34;
    static final int MAX_TEXT = 140;

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final Pattern BIC = Pattern.compile("[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?");

    private Pain001Writer() {
    }

    public static byte[] write(CreditTransferInitiation message) {
        if (message.instructions().isEmpty()) {
            throw new IllegalArgumentException(message.msgId() + ": a pain.001 message holds at least one transaction");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            // the JDK's own StAX, not whichever one the class path brings: its output is what the tests saw
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(bytes, "UTF-8");
            new Pain001Writer.Document(xml).write(message);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("pain.001 of " + message.msgId() + " could not be written", e);
        }
        return bytes.toByteArray();
    }

    /** The claim ids, joined by ';', over as few Ustrd as hold them, never splitting an id. */
    static List<String> remittanceLines(String instructionId, List<String> claimIds) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String id : claimIds) {
            String text = text("RmtInf/Ustrd of " + instructionId, id, MAX_TEXT);
            if (line.length() > 0 && length(line) + 1 + length(text) > MAX_TEXT) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? ";" : "").append(text);
        }
        lines.add(line.toString());
        return lines;
    }

    /** The text as it may be written in an element of at most {@code max} characters, or a refusal. */
    static String text(String element, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(element + " is empty");
        }
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE
                || c == 0xFFFE || c == 0xFFFF)) {
            throw new IllegalArgumentException(element + " holds a character an XML payment file cannot carry");
        }
        if (length(value) > max) {
            throw new IllegalArgumentException(element + " is longer than " + max + " characters: " + value);
        }
        return value;
    }

    private static int length(CharSequence s) {
        return Character.codePointCount(s, 0, s.length());
    }

    /** Writes one message; knows the depth, to indent. */
    private static final class Document {

        private final XMLStreamWriter xml;
        private int depth;
        private boolean lastWasEnd;

        Document(XMLStreamWriter xml) {
            this.xml = xml;
        }

        void write(CreditTransferInitiation m) throws XMLStreamException {
            PaymentInstruction.Totals totals = PaymentInstruction.Totals.of(m.instructions());
            String msgId = text("MsgId", m.msgId(), MAX_ID);
            String nbOfTxs = Integer.toString(totals.count());
            String ctrlSum = Csv.amount(totals.controlTotal());
            CreditTransferInitiation.Debtor debtor = m.debtor();
            String debtorName = text("Dbtr/Nm", debtor.name(), MAX_TEXT);

            xml.writeStartDocument("UTF-8", "1.0");
            start("Document");
            xml.writeDefaultNamespace(NAMESPACE);
            start("CstmrCdtTrfInitn");

            start("GrpHdr");
            leaf("MsgId", msgId);
            leaf("CreDtTm", DATE_TIME.format(m.createdAt().truncatedTo(ChronoUnit.SECONDS).atZone(SHANGHAI)));
            leaf("NbOfTxs", nbOfTxs);
            leaf("CtrlSum", ctrlSum);
            start("InitgPty");
            leaf("Nm", debtorName);
            end();
            end();

            start("PmtInf");
            leaf("PmtInfId", msgId);
            leaf("PmtMtd", "TRF");
            leaf("NbOfTxs", nbOfTxs);
            leaf("CtrlSum", ctrlSum);
            start("ReqdExctnDt");
            leaf("Dt", m.requestedExecutionDate().toString());
            end();
            start("Dbtr");
            leaf("Nm", debtorName);
            end();
            account("DbtrAcct", debtor.account());
            start("DbtrAgt");
            start("FinInstnId");
            String agentId = text("DbtrAgt/FinInstnId", debtor.agentId(), MAX_ID);
            if (BIC.matcher(agentId).matches()) {
                leaf("BICFI", agentId);
            } else {
                start("Othr");
                leaf("Id", agentId);
                end();
            }
            end();
            end();
            leaf("ChrgBr", "SLEV");
            for (PaymentInstruction i : m.instructions()) {
                transaction(i);
            }
            end();

            end();
            end();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
        }

        private void transaction(PaymentInstruction i) throws XMLStreamException {
            String id = text("InstrId", i.instructionId(), MAX_ID);
            start("CdtTrfTxInf");
            start("PmtId");
            leaf("InstrId", id);
            leaf("EndToEndId", id);
            end();
            start("Amt");
            indent();
            xml.writeStartElement("InstdAmt");
            xml.writeAttribute("Ccy", "CNY");
            xml.writeCharacters(Csv.amount(i.amount()));
            xml.writeEndElement();
            lastWasEnd = true;
            end();
            start("CdtrAgt");
            start("FinInstnId");
            leaf("Nm", text("CdtrAgt/FinInstnId/Nm of " + id, i.payeeBank(), MAX_TEXT));
            end();
            end();
            start("Cdtr");
            leaf("Nm", text("Cdtr/Nm of " + id, i.payeeName(), MAX_TEXT));
            start("Id");
            start("OrgId");
            start("Othr");
            leaf("Id", text("Cdtr/Id of " + id, i.payeeUscc(), MAX_ID));
            start("SchmeNm");
            leaf("Prtry", "USCC");
            end();
            end();
            end();
            end();
            end();
            account("CdtrAcct", i.payeeAccount());
            start("RmtInf");
            for (String line : remittanceLines(id, i.claimIds())) {
                leaf("Ustrd", line);
            }
            end();
            end();
        }

        private void account(String element, String account) throws XMLStreamException {
            start(element);
            start("Id");
            start("Othr");
            leaf("Id", text(element + "/Id", account, MAX_ACCOUNT));
            end();
            end();
            end();
        }

        private void start(String name) throws XMLStreamException {
            indent();
            xml.writeStartElement(name);
            depth++;
            lastWasEnd = false;
        }

        private void leaf(String name, String value) throws XMLStreamException {
            indent();
            xml.writeStartElement(name);
            xml.writeCharacters(value);
            xml.writeEndElement();
            lastWasEnd = true;
        }

        private void end() throws XMLStreamException {
            depth--;
            if (lastWasEnd) {
                indent();
            }
            xml.writeEndElement();
            lastWasEnd = true;
        }

        private void indent() throws XMLStreamException {
            xml.writeCharacters("\n" + "  ".repeat(depth));
        }
    }
}
