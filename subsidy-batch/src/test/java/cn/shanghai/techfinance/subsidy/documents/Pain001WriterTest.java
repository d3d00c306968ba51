package cn.shanghai.techfinance.subsidy.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV09;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * No package here ships the official pain.001.001.09 XSD (pw-iso20022 has none), so the message is
 * checked against its documented structure twice over: against pw-iso20022's JAXB binding, which is
 * generated from that XSD (every element's name, nesting, sequence order and required children), and
 * by XPath on the order and values of the parts written here; pw-iso20022 then reads it back.
 */
class Pain001WriterTest {

    static final String NS = Pain001Writer.NAMESPACE;
    static final List<String> MANY_CLAIMS = IntStream.rangeClosed(1, 5)
            .mapToObj(n -> "0a1b2c3d-0000-3000-8000-00000000001" + n).toList();
    static final PaymentInstruction THIRD = new PaymentInstruction("S7-00003", "91310104MA1FL5LR2K", "上海张江微电子有限公司",
            "1001234567890123456", "中国工商银行上海市张江支行", new BigDecimal("88888.88"), MANY_CLAIMS);
    /** The CSV test's second instruction but for the line break in its bank's name, which pain.001 refuses. */
    static final PaymentInstruction SECOND = new PaymentInstruction("S7-00002", "91310000132200821H",
            "Shanghai \"Quote\" Ltd, Pudong", "31001234567", "中国银行上海市分行营业部", new BigDecimal("0.01"),
            List.of("0a1b2c3d-0000-3000-8000-000000000003"));
    static final List<PaymentInstruction> INSTRUCTIONS = List.of(PaymentsCsvTest.FIRST, SECOND, THIRD);
    static final CreditTransferInitiation.Debtor TREASURY =
            new CreditTransferInitiation.Debtor("上海市财政局科技金融专项资金", "310066726018010009999", "310290000013");
    static final CreditTransferInitiation MESSAGE = new CreditTransferInitiation("S7-20260410",
            Instant.parse("2026-04-10T01:30:15.987Z"), LocalDate.of(2026, 4, 13), TREASURY, INSTRUCTIONS);

    @Test
    void chineseIsWrittenAsUtf8TextNotAsCharacterReferences() {
        byte[] bytes = Pain001Writer.write(MESSAGE);
        String xml = new String(bytes, StandardCharsets.UTF_8);

        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<Nm>上海某某科技有限公司</Nm>", "<Nm>上海市财政局科技金融专项资金</Nm>")
                .doesNotContain("&#");
        assertThat(xml.getBytes(StandardCharsets.UTF_8)).as("the bytes are UTF-8").isEqualTo(bytes);
    }

    @Test
    void countsAndSumsEqualThePaymentFilesTrailer() throws Exception {
        Document doc = parse(Pain001Writer.write(MESSAGE));
        List<List<String>> csv = Rfc4180.parse(PaymentsCsv.write(INSTRUCTIONS));
        List<String> trailer = csv.get(csv.size() - 1);

        assertThat(trailer).containsExactly("TOTAL", "3", "100889.39");
        assertThat(text(doc, "/p:Document/p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs")).isEqualTo(trailer.get(1));
        assertThat(text(doc, "/p:Document/p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum")).isEqualTo(trailer.get(2));
        assertThat(text(doc, "//p:PmtInf/p:NbOfTxs")).isEqualTo(trailer.get(1));
        assertThat(text(doc, "//p:PmtInf/p:CtrlSum")).isEqualTo(trailer.get(2));
        assertThat(text(doc, "count(//p:PmtInf/p:CdtTrfTxInf)")).isEqualTo("3");
        assertThat(text(doc, "count(//p:InstdAmt[@Ccy='CNY'])")).isEqualTo("3");
        assertThat(List.of(text(doc, "//p:CdtTrfTxInf[1]/p:Amt/p:InstdAmt"), text(doc, "//p:CdtTrfTxInf[2]/p:Amt/p:InstdAmt"),
                text(doc, "//p:CdtTrfTxInf[3]/p:Amt/p:InstdAmt"))).containsExactly("12000.50", "0.01", "88888.88");
    }

    @Test
    void theElementsWrittenComeInTheSchemasOrder() throws Exception {
        Document doc = parse(Pain001Writer.write(MESSAGE));
        String root = "/p:Document/p:CstmrCdtTrfInitn";

        assertThat(children(doc, root)).containsExactly("GrpHdr", "PmtInf");
        assertThat(children(doc, root + "/p:GrpHdr")).containsExactly("MsgId", "CreDtTm", "NbOfTxs", "CtrlSum", "InitgPty");
        assertThat(children(doc, root + "/p:GrpHdr/p:InitgPty")).containsExactly("Nm");
        assertThat(children(doc, root + "/p:PmtInf")).containsExactly("PmtInfId", "PmtMtd", "NbOfTxs", "CtrlSum",
                "ReqdExctnDt", "Dbtr", "DbtrAcct", "DbtrAgt", "ChrgBr", "CdtTrfTxInf", "CdtTrfTxInf", "CdtTrfTxInf");
        assertThat(children(doc, root + "/p:PmtInf/p:ReqdExctnDt")).containsExactly("Dt");
        assertThat(children(doc, root + "/p:PmtInf/p:DbtrAcct/p:Id/p:Othr")).containsExactly("Id");
        assertThat(children(doc, root + "/p:PmtInf/p:DbtrAgt/p:FinInstnId")).containsExactly("Othr");
        String tx = root + "/p:PmtInf/p:CdtTrfTxInf[3]";
        assertThat(children(doc, tx)).containsExactly("PmtId", "Amt", "CdtrAgt", "Cdtr", "CdtrAcct", "RmtInf");
        assertThat(children(doc, tx + "/p:PmtId")).containsExactly("InstrId", "EndToEndId");
        assertThat(children(doc, tx + "/p:Amt")).containsExactly("InstdAmt");
        assertThat(children(doc, tx + "/p:CdtrAgt/p:FinInstnId")).containsExactly("Nm");
        assertThat(children(doc, tx + "/p:Cdtr")).containsExactly("Nm", "Id");
        assertThat(children(doc, tx + "/p:Cdtr/p:Id/p:OrgId/p:Othr")).containsExactly("Id", "SchmeNm");
        assertThat(children(doc, tx + "/p:Cdtr/p:Id/p:OrgId/p:Othr/p:SchmeNm")).containsExactly("Prtry");
        assertThat(children(doc, tx + "/p:CdtrAcct/p:Id/p:Othr")).containsExactly("Id");
        assertThat(children(doc, tx + "/p:RmtInf")).containsExactly("Ustrd", "Ustrd");
    }

    @Test
    void everyElementIsWhereTheOfficialSchemasBindingPutsIt() throws Exception {
        Document doc = parse(Pain001Writer.write(MESSAGE));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("Document");
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(NS);
        assertThat(children(doc, "/p:Document")).containsExactly("CstmrCdtTrfInitn");
        Element initiation = (Element) xpath().evaluate("/p:Document/p:CstmrCdtTrfInitn", doc, XPathConstants.NODE);

        List<String> checked = new ArrayList<>();
        conforms(initiation, CustomerCreditTransferInitiationV09.class, "CstmrCdtTrfInitn", checked);

        assertThat(checked).hasSizeGreaterThan(60);
    }

    @Test
    void theValuesAreWhereTheyBelong() throws Exception {
        Document doc = parse(Pain001Writer.write(MESSAGE));

        assertThat(text(doc, "//p:GrpHdr/p:MsgId")).isEqualTo("S7-20260410");
        assertThat(text(doc, "//p:GrpHdr/p:CreDtTm")).isEqualTo("2026-04-10T09:30:15+08:00");
        assertThat(text(doc, "//p:GrpHdr/p:InitgPty/p:Nm")).isEqualTo("上海市财政局科技金融专项资金");
        assertThat(text(doc, "//p:PmtInf/p:PmtInfId")).isEqualTo("S7-20260410");
        assertThat(text(doc, "//p:PmtInf/p:PmtMtd")).isEqualTo("TRF");
        assertThat(text(doc, "//p:PmtInf/p:ReqdExctnDt/p:Dt")).isEqualTo("2026-04-13");
        assertThat(text(doc, "//p:PmtInf/p:Dbtr/p:Nm")).isEqualTo("上海市财政局科技金融专项资金");
        assertThat(text(doc, "//p:PmtInf/p:DbtrAcct/p:Id/p:Othr/p:Id")).isEqualTo("310066726018010009999");
        assertThat(text(doc, "//p:PmtInf/p:DbtrAgt/p:FinInstnId/p:Othr/p:Id")).isEqualTo("310290000013");
        assertThat(text(doc, "//p:PmtInf/p:ChrgBr")).isEqualTo("SLEV");

        String second = "//p:CdtTrfTxInf[2]";
        assertThat(text(doc, second + "/p:PmtId/p:InstrId")).isEqualTo("S7-00002");
        assertThat(text(doc, second + "/p:PmtId/p:EndToEndId")).isEqualTo("S7-00002");
        assertThat(text(doc, second + "/p:CdtrAgt/p:FinInstnId/p:Nm")).isEqualTo("中国银行上海市分行营业部");
        assertThat(text(doc, second + "/p:Cdtr/p:Nm")).isEqualTo("Shanghai \"Quote\" Ltd, Pudong");
        assertThat(text(doc, second + "/p:Cdtr/p:Id/p:OrgId/p:Othr/p:Id")).isEqualTo("91310000132200821H");
        assertThat(text(doc, second + "/p:Cdtr/p:Id/p:OrgId/p:Othr/p:SchmeNm/p:Prtry")).isEqualTo("USCC");
        assertThat(text(doc, second + "/p:CdtrAcct/p:Id/p:Othr/p:Id")).isEqualTo("31001234567");
        assertThat(text(doc, second + "/p:RmtInf/p:Ustrd")).isEqualTo("0a1b2c3d-0000-3000-8000-000000000003");
    }

    @Test
    void pwIso20022ReadsItBackWithTheChineseNames() {
        MxPain00100109 mx = MxPain00100109.parse(new String(Pain001Writer.write(MESSAGE), StandardCharsets.UTF_8));

        CustomerCreditTransferInitiationV09 initiation = mx.getCstmrCdtTrfInitn();
        assertThat(initiation.getGrpHdr().getMsgId()).isEqualTo("S7-20260410");
        assertThat(initiation.getGrpHdr().getCreDtTm()).isEqualTo(OffsetDateTime.parse("2026-04-10T09:30:15+08:00"));
        assertThat(initiation.getGrpHdr().getNbOfTxs()).isEqualTo("3");
        assertThat(initiation.getGrpHdr().getCtrlSum()).isEqualByComparingTo("100889.39");
        assertThat(initiation.getPmtInf()).hasSize(1);
        PaymentInstruction30 payment = initiation.getPmtInf().get(0);
        assertThat(payment.getCtrlSum()).isEqualByComparingTo("100889.39");
        assertThat(payment.getReqdExctnDt().getDt()).isEqualTo(LocalDate.of(2026, 4, 13));
        assertThat(payment.getDbtr().getNm()).isEqualTo("上海市财政局科技金融专项资金");
        assertThat(payment.getCdtTrfTxInf()).extracting(t -> t.getPmtId().getEndToEndId())
                .containsExactly("S7-00001", "S7-00002", "S7-00003");
        assertThat(payment.getCdtTrfTxInf()).extracting(t -> t.getCdtr().getNm())
                .containsExactly("上海某某科技有限公司", "Shanghai \"Quote\" Ltd, Pudong", "上海张江微电子有限公司");
        assertThat(payment.getCdtTrfTxInf()).extracting(t -> t.getCdtrAgt().getFinInstnId().getNm())
                .containsExactly("上海浦东发展银行张江科技支行", "中国银行上海市分行营业部", "中国工商银行上海市张江支行");
        CreditTransferTransaction34 third = payment.getCdtTrfTxInf().get(2);
        assertThat(third.getAmt().getInstdAmt().getValue()).isEqualByComparingTo("88888.88");
        assertThat(third.getAmt().getInstdAmt().getCcy()).isEqualTo("CNY");
        assertThat(third.getCdtr().getId().getOrgId().getOthr().get(0).getId()).isEqualTo("91310104MA1FL5LR2K");
        assertThat(third.getCdtrAcct().getId().getOthr().getId()).isEqualTo("1001234567890123456");
        assertThat(String.join(";", third.getRmtInf().getUstrd())).isEqualTo(String.join(";", MANY_CLAIMS));
    }

    @Test
    void claimIdsAreSplitOverUstrdOf140CharactersBetweenIds() {
        List<String> lines = Pain001Writer.remittanceLines("S7-00003", MANY_CLAIMS);

        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(140));
        assertThat(lines.get(0)).isEqualTo(String.join(";", MANY_CLAIMS.subList(0, 3)));
        assertThat(lines.get(1)).isEqualTo(String.join(";", MANY_CLAIMS.subList(3, 5)));
        // exactly 140 fits in one
        String a = "a".repeat(69);
        String b = "b".repeat(70);
        assertThat(Pain001Writer.remittanceLines("S1-00001", List.of(a, b))).containsExactly(a + ";" + b);
        assertThat(Pain001Writer.remittanceLines("S1-00001", List.of(a, b + "b"))).containsExactly(a, b + "b");
        assertThatThrownBy(() -> Pain001Writer.remittanceLines("S1-00001", List.of("c".repeat(141))))
                .hasMessageContaining("RmtInf/Ustrd of S1-00001").hasMessageContaining("140");
    }

    @Test
    void aBicIsWrittenAsBicfi() throws Exception {
        CreditTransferInitiation viaBic = new CreditTransferInitiation("M1", MESSAGE.createdAt(), MESSAGE.requestedExecutionDate(),
                new CreditTransferInitiation.Debtor("上海市财政局", "310066726018010009999", "SPDBCNSH"), INSTRUCTIONS);
        Document doc = parse(Pain001Writer.write(viaBic));

        assertThat(children(doc, "//p:DbtrAgt/p:FinInstnId")).containsExactly("BICFI");
        assertThat(text(doc, "//p:DbtrAgt/p:FinInstnId/p:BICFI")).isEqualTo("SPDBCNSH");
    }

    @Test
    void whatBreaksTheSchemasLimitsIsRefusedNotTruncated() {
        String chinese140 = "上".repeat(140);
        assertThat(Pain001Writer.write(with(payee(chinese140, "6222021234567890", "S7-00001")))).isNotEmpty();

        assertThatThrownBy(() -> Pain001Writer.write(with(payee(chinese140 + "海", "6222021234567890", "S7-00001"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cdtr/Nm of S7-00001").hasMessageContaining("140");
        assertThatThrownBy(() -> Pain001Writer.write(with(payee("名", "1".repeat(35), "S7-00001"))))
                .hasMessageContaining("CdtrAcct/Id").hasMessageContaining("34");
        assertThatThrownBy(() -> Pain001Writer.write(with(payee("名", "6222021234567890", "S7-" + "0".repeat(33)))))
                .hasMessageContaining("InstrId").hasMessageContaining("35");
        assertThatThrownBy(() -> Pain001Writer.write(with(payee("名\u0007", "6222021234567890", "S7-00001"))))
                .hasMessageContaining("Cdtr/Nm of S7-00001").hasMessageContaining("character");
        assertThatThrownBy(() -> Pain001Writer.write(with(PaymentsCsvTest.SECOND)))
                .hasMessageContaining("CdtrAgt/FinInstnId/Nm of S7-00002").hasMessageContaining("character");
        assertThatThrownBy(() -> Pain001Writer.write(with(payee(" ", "6222021234567890", "S7-00001"))))
                .hasMessageContaining("Cdtr/Nm of S7-00001 is empty");
        assertThatThrownBy(() -> Pain001Writer.write(new CreditTransferInitiation("M".repeat(36), MESSAGE.createdAt(),
                MESSAGE.requestedExecutionDate(), TREASURY, INSTRUCTIONS))).hasMessageContaining("MsgId");
        assertThatThrownBy(() -> Pain001Writer.write(new CreditTransferInitiation("M1", MESSAGE.createdAt(),
                MESSAGE.requestedExecutionDate(), TREASURY, List.of()))).hasMessageContaining("at least one transaction");
    }

    private static PaymentInstruction payee(String name, String account, String id) {
        return new PaymentInstruction(id, "91310115MA1K3YJ12X", name, account, "上海浦东发展银行", BigDecimal.TEN, List.of("c1"));
    }

    private static CreditTransferInitiation with(PaymentInstruction instruction) {
        return new CreditTransferInitiation("M1", MESSAGE.createdAt(), MESSAGE.requestedExecutionDate(), TREASURY, List.of(instruction));
    }

    /**
     * Checks an element's children against the JAXB class bound to its type: each child is a known
     * element of that type, in the type's sequence order (a repeated element may repeat), and every
     * required one is there; then each child against its own type. Types with simple content end it.
     */
    private static void conforms(Element element, Class<?> type, String path, List<String> checked) {
        XmlType xmlType = type.getAnnotation(XmlType.class);
        assertThat(xmlType).as("%s is bound to %s", path, type.getSimpleName()).isNotNull();
        List<String> order = Arrays.asList(xmlType.propOrder());
        Map<String, Field> byName = new HashMap<>();
        for (Field f : type.getDeclaredFields()) {
            XmlElement e = f.getAnnotation(XmlElement.class);
            if (e != null) {
                byName.put(e.name(), f);
            }
        }
        boolean simpleContent = Arrays.stream(type.getDeclaredFields())
                .anyMatch(f -> f.isAnnotationPresent(jakarta.xml.bind.annotation.XmlValue.class));
        int last = -1;
        List<String> present = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            String name = child.getLocalName();
            assertThat(child.getNamespaceURI()).as("namespace of %s/%s", path, name).isEqualTo(NS);
            assertThat(simpleContent).as("%s has simple content, yet a child %s", path, name).isFalse();
            Field field = byName.get(name);
            assertThat(field).as("%s/%s is an element of %s", path, name, type.getSimpleName()).isNotNull();
            int position = order.indexOf(field.getName());
            assertThat(position).as("%s/%s comes after its preceding sibling in %s's sequence %s", path, name,
                    type.getSimpleName(), order).isGreaterThanOrEqualTo(last);
            assertThat(position > last || List.class.isAssignableFrom(field.getType()))
                    .as("%s/%s is repeated but not repeatable", path, name).isTrue();
            last = position;
            present.add(name);
            checked.add(path + "/" + name);
            Class<?> childType = List.class.isAssignableFrom(field.getType())
                    ? (Class<?>) ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0]
                    : field.getType();
            if (childType.isAnnotationPresent(XmlType.class) && !childType.isEnum()) {
                conforms(child, childType, path + "/" + name, checked);
            } else {
                assertThat(child.getChildNodes().getLength()).as("%s/%s is a simple value", path, name).isLessThanOrEqualTo(1);
                assertThat(child.getTextContent()).as("%s/%s is not empty", path, name).isNotEmpty();
            }
        }
        byName.forEach((name, field) -> {
            if (field.getAnnotation(XmlElement.class).required()) {
                assertThat(present).as("%s has its required %s", path, name).contains(name);
            }
        });
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static XPath xpath() {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return "p".equals(prefix) ? NS : XMLConstants.NULL_NS_URI;
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String uri) {
                return null;
            }
        });
        return xpath;
    }

    private static String text(Document doc, String expression) throws Exception {
        return xpath().evaluate(expression, doc);
    }

    /** The local names of the child elements of the one element the expression selects. */
    private static List<String> children(Document doc, String expression) throws Exception {
        NodeList parents = (NodeList) xpath().evaluate(expression, doc, XPathConstants.NODESET);
        assertThat(parents.getLength()).as("one element at %s", expression).isEqualTo(1);
        NodeList nodes = (NodeList) xpath().evaluate("*", parents.item(0), XPathConstants.NODESET);
        return IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getLocalName()).toList();
    }
}
