namespace EcgBridge.Core.Tests;

public class LeadCatalogTests
{
    [Theory]
    [InlineData(131329, Lead.I)]
    [InlineData(131330, Lead.II)]
    [InlineData(131389, Lead.III)]
    [InlineData(131390, Lead.AVR)]
    [InlineData(131391, Lead.AVL)]
    [InlineData(131392, Lead.AVF)]
    [InlineData(131331, Lead.V1)]
    [InlineData(131336, Lead.V6)]
    public void Maps_MDC_codes_to_standard_leads(int code, Lead expected)
    {
        Assert.True(LeadCatalog.TryFromMdcCode(code, out Lead lead));
        Assert.Equal(expected, lead);
        Assert.Equal(code, LeadCatalog.MdcCode(expected));
    }

    [Theory]
    [InlineData("I", Lead.I)]
    [InlineData("i", Lead.I)]
    [InlineData("AVR", Lead.AVR)]
    [InlineData("avr", Lead.AVR)]
    [InlineData("Lead II", Lead.II)]
    [InlineData("MDC_ECG_LEAD_V1", Lead.V1)]
    [InlineData(" V6 ", Lead.V6)]
    [InlineData("131392", Lead.AVF)]
    public void Parses_the_names_real_feeds_send(string text, Lead expected)
    {
        Assert.True(LeadCatalog.TryParse(text, out Lead lead));
        Assert.Equal(expected, lead);
    }

    [Theory]
    [InlineData("")]
    [InlineData("V7")]
    [InlineData("131073")]
    [InlineData("SpO2")]
    public void Refuses_labels_that_are_not_standard_leads(string text)
    {
        Assert.False(LeadCatalog.TryParse(text, out _));
    }
}
