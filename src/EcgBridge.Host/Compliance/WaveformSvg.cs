using System.Globalization;
using System.Text;
using EcgBridge.Core;

namespace EcgBridge.Host.Compliance;

/// <summary>
/// The 12-lead plot of a normalized tensor as inline SVG: one panel per lead (two columns of six, 10 s each) on an ECG
/// paper grid (thin lines every 0.2 s and 0.5 mV, thick lines every 1 s and 1 mV). Each pixel column draws the
/// minimum and maximum of the samples it covers, so no peak is lost and the SVG stays small.
/// </summary>
internal static class WaveformSvg
{
    public const int PanelWidth = 560;
    public const int PanelHeight = 130;
    public const double PixelsPerMillivolt = 40;
    private const int Columns = 2;
    private const int Gap = 10;
    private const double Seconds = EcgTensor.SampleCount / 500.0;

    public static string Render(EcgTensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        int rows = EcgTensor.LeadCount / Columns;
        int width = (Columns * PanelWidth) + ((Columns - 1) * Gap);
        int height = (rows * PanelHeight) + ((rows - 1) * Gap);
        var svg = new StringBuilder(160 * 1024);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ecg\" role=\"img\" aria-label=\"12-lead ECG, 10 s, 500 Hz, mV\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">");
        for (int i = 0; i < EcgTensor.LeadCount; i++)
        {
            var lead = (Lead)i;
            int x0 = (i / rows) * (PanelWidth + Gap);
            int y0 = (i % rows) * (PanelHeight + Gap);
            Panel(svg, lead, tensor.LeadSpan(lead), x0, y0);
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Panel(StringBuilder svg, Lead lead, ReadOnlySpan<float> samples, int x0, int y0)
    {
        string name = ComplianceJson.LeadName(lead);
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"lead\" data-lead=\"{name}\" transform=\"translate({x0},{y0})\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"paper\" width=\"{PanelWidth}\" height=\"{PanelHeight}\"/>");
        double mid = PanelHeight / 2.0;
        var thin = new StringBuilder();
        var thick = new StringBuilder();
        for (int step = 0; step <= (int)(Seconds * 5); step++)
        {
            double x = step * PanelWidth / (Seconds * 5);
            (step % 5 == 0 ? thick : thin).Append(CultureInfo.InvariantCulture, $"M{x:0.#} 0V{PanelHeight}");
        }

        for (int half = -8; half <= 8; half++)
        {
            double y = mid - (half * PixelsPerMillivolt / 2);
            if (y < 0 || y > PanelHeight)
            {
                continue;
            }

            (half % 2 == 0 ? thick : thin).Append(CultureInfo.InvariantCulture, $"M0 {y:0.#}H{PanelWidth}");
        }

        svg.Append("<path class=\"grid-thin\" d=\"").Append(thin).Append("\"/>");
        svg.Append("<path class=\"grid-thick\" d=\"").Append(thick).Append("\"/>");
        svg.Append("<polyline class=\"trace\" points=\"");
        double perColumn = samples.Length / (double)PanelWidth;
        for (int column = 0; column < PanelWidth; column++)
        {
            int from = (int)(column * perColumn);
            int to = Math.Min(samples.Length, (int)((column + 1) * perColumn));
            float min = float.MaxValue;
            float max = float.MinValue;
            for (int s = from; s < to; s++)
            {
                float v = samples[s];
                if (float.IsFinite(v))
                {
                    min = Math.Min(min, v);
                    max = Math.Max(max, v);
                }
            }

            if (min > max)
            {
                continue;
            }

            svg.Append(CultureInfo.InvariantCulture, $"{column},{Y(min, mid):0.#} {column},{Y(max, mid):0.#} ");
        }

        svg.Append("\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"6\" y=\"16\">{name}</text>");
        svg.Append("</g>");
    }

    // Clipped to the panel, like paper: a lead beyond ±1.6 mV runs off the edge.
    private static double Y(float millivolts, double mid) => Math.Clamp(mid - (millivolts * PixelsPerMillivolt), 0, PanelHeight);
}
