namespace EcgBridge.Compliance.Tests;

public sealed class AuditCsvTests
{
    [Fact]
    public void Header_lists_the_documented_columns_and_ends_with_crlf()
    {
        string header = AuditCsv.Header();

        Assert.EndsWith("\r\n", header, StringComparison.Ordinal);
        Assert.StartsWith("seq,received_at,finished_at,outcome,channel,source_system,message_id,patient_id_hash,", header, StringComparison.Ordinal);
        Assert.Equal(AuditCsv.Columns.Count, header.TrimEnd().Split(',').Length);
    }

    [Fact]
    public void Row_has_one_cell_per_column_with_the_patient_only_as_its_hash()
    {
        string row = AuditCsv.Row(AuditEntries.Scored());

        List<string> cells = ParseRecord(row);
        Assert.Equal(AuditCsv.Columns.Count, cells.Count);
        Assert.Equal("42", cells[0]);
        Assert.Equal("2026-11-23T10:15:00.000000Z", cells[1]);
        Assert.Equal("scored", cells[3]);
        Assert.Equal(AuditEntries.PatientHash, cells[7]);
        Assert.Equal("0.8731", cells[12]);
        Assert.Equal("high", cells[13]);
    }

    [Fact]
    public void Error_codes_with_spaces_and_semicolons_stay_in_one_cell()
    {
        List<string> cells = ParseRecord(AuditCsv.Row(AuditEntries.Rejected()));

        Assert.Equal("ECG-LEADS-MISSING lead V2;ECG-TOO-SHORT recording", cells[15]);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("CART^WARD3", "CART^WARD3")]
    [InlineData("", "")]
    public void Cells_are_quoted_per_rfc_4180_and_formulas_are_defused(string value, string expected)
    {
        Assert.Equal(expected, AuditCsv.Cell(value));
    }

    [Fact]
    public void Formula_in_a_stored_source_system_is_written_as_text()
    {
        var entry = AuditEntries.Scored() with { SourceSystem = "=cmd|' /C calc'!A0" };

        List<string> cells = ParseRecord(AuditCsv.Row(entry));

        Assert.Equal("'=cmd|' /C calc'!A0", cells[5]);
    }

    // A small RFC 4180 reader: enough to prove that what we write parses back cell by cell.
    private static List<string> ParseRecord(string line)
    {
        Assert.EndsWith("\r\n", line, StringComparison.Ordinal);
        string text = line[..^2];
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }
}
