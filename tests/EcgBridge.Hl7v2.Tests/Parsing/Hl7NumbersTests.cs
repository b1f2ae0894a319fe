using System.Globalization;
using System.Text;
using EcgBridge.Hl7v2.Parsing;
using FsCheck.Xunit;

namespace EcgBridge.Hl7v2.Tests.Parsing;

public class Hl7NumbersTests
{
    [Theory]
    [InlineData("12", 12)]
    [InlineData("-0.125", -0.125)]
    [InlineData(" 3.5 ", 3.5)]
    [InlineData("+7", 7)]
    [InlineData("1E-05", 1e-5)]
    public void Parses_numbers(string text, double expected)
    {
        Assert.True(Hl7Numbers.TryParse(Encoding.ASCII.GetBytes(text), false, out double value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Tolerates_spaces_inside_numbers_only_when_asked()
    {
        Assert.True(Hl7Numbers.TryParse("- 5"u8, true, out double value));
        Assert.Equal(-5, value);
        Assert.False(Hl7Numbers.TryParse("- 5"u8, false, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1.2.3")]
    public void Rejects_non_numbers(string text) =>
        Assert.False(Hl7Numbers.TryParse(Encoding.ASCII.GetBytes(text), true, out _));

    [Property(MaxTest = 2000)]
    public bool Round_trip_formatted_doubles_parse_exactly(double value)
    {
        if (!double.IsFinite(value))
        {
            return true;
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return Hl7Numbers.TryParse(Encoding.ASCII.GetBytes(text), false, out double parsed) && parsed.Equals(value);
    }
}
