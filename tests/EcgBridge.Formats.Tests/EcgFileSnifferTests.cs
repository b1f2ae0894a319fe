using System.Text;
using EcgBridge.Core.Mapping;

namespace EcgBridge.Formats.Tests;

public sealed class EcgFileSnifferTests
{
    [Theory]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\r\n<!DOCTYPE RestingECG SYSTEM \"restecg.dtd\">\r\n<RestingECG>", MappingFormat.GeMuseXml)]
    [InlineData("<?xml version=\"1.0\"?><restingecgdata xmlns=\"http://www3.medical.philips.com\">", MappingFormat.PhilipsXml)]
    [InlineData("<AnnotatedECG xmlns=\"urn:hl7-org:v3\" type=\"Observation\">", MappingFormat.Hl7Aecg)]
    public void Recognises_vendor_XML_by_root_and_namespace(string head, MappingFormat expected) =>
        Assert.Equal(expected, EcgFileSniffer.Sniff(Encoding.UTF8.GetBytes(head)));

    [Fact]
    public void Recognises_UTF16_Philips_XML_and_a_DICOM_preamble()
    {
        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?><restingecgdata xmlns=\"http://www3.medical.philips.com\">")];
        byte[] dicom = [.. new byte[128], .. "DICM"u8.ToArray(), 2, 0];

        Assert.Equal(MappingFormat.PhilipsXml, EcgFileSniffer.Sniff(utf16));
        Assert.Equal(MappingFormat.DicomEcg, EcgFileSniffer.Sniff(dicom));
    }

    [Theory]
    [InlineData("<Observation xmlns=\"http://hl7.org/fhir\">")]
    [InlineData("<restingecgdata>")]
    [InlineData("MSH|^~\\&|")]
    [InlineData("")]
    public void Anything_else_is_unknown(string head) => Assert.Null(EcgFileSniffer.Sniff(Encoding.UTF8.GetBytes(head)));
}
