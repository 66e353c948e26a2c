using System.Globalization;
using System.Net;
using System.Text;

namespace MeshSecurity.Scenarios.Reporting.Charts;

/// <summary>
/// An inline SVG chart (no scripts) as report.html and bench.html draw them: a plot area inside margins, a value grid
/// with tick labels, ticks on the x axis, both axes titled with their unit, and what a chart puts in its plot: lines,
/// marked windows and instants, a dashed goal. Each method appends to the SVG and returns the chart, so a chart reads
/// as the list of what it draws.
/// </summary>
public sealed class SvgChart
{
    /// <summary>A background-coloured outline keeps labels readable where they cross a line.</summary>
    public const string Halo = " stroke=\"#fafafa\" stroke-width=\"3\" paint-order=\"stroke\"";

    public static readonly string[] Palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777"];

    private readonly StringBuilder _svg = new();

    public SvgChart(int width, int height, int left, int right, int top, int bottom)
    {
        (Width, Height) = (width, height);
        (Left, Right, Top, Bottom) = (left, width - right, top, height - bottom);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The plot area's edges, in pixels.</summary>
    public int Left { get; }
    public int Right { get; }
    public int Top { get; }
    public int Bottom { get; }

    /// <summary>Opens the SVG: <paramref name="attributes"/> (class, data-*) as written, and a title for screen readers.</summary>
    public SvgChart Open(string attributes, string title)
    {
        _svg.Append(CultureInfo.InvariantCulture,
            $"<svg {attributes} width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\">");
        _svg.Append("<title>").Append(E(title)).Append("</title>");
        return this;
    }

    /// <summary>Horizontal grid lines at the value axis' ticks, with their labels left of the plot.</summary>
    public SvgChart ValueGrid(ChartAxis y, Func<double, string> label)
    {
        foreach (var t in y.Ticks)
        {
            var ty = y.Map(t);
            _svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" y1=\"{F(ty)}\" x2=\"{Right}\" y2=\"{F(ty)}\" stroke=\"#e5e7eb\"/>");
            _svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"ytick\" x=\"{Left - 6}\" y=\"{F(ty + 4)}\" font-size=\"11\" text-anchor=\"end\">{E(label(t))}</text>");
        }
        return this;
    }

    /// <summary>Ticks below the plot at <paramref name="at"/> (on <paramref name="x"/>), each with a light vertical grid line.</summary>
    public SvgChart XTicks(ChartAxis x, IEnumerable<double> at, Func<double, string> label)
    {
        foreach (var n in at)
        {
            var tx = x.Map(n);
            _svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{F(tx)}\" y1=\"{Top}\" x2=\"{F(tx)}\" y2=\"{Bottom}\" stroke=\"#f0f0f0\"/>");
            _svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{F(tx)}\" y1=\"{Bottom}\" x2=\"{F(tx)}\" y2=\"{Bottom + 5}\" stroke=\"#333\"/>");
            _svg.Append(CultureInfo.InvariantCulture,
                $"<text class=\"xtick\" x=\"{F(tx)}\" y=\"{Bottom + 18}\" font-size=\"11\" text-anchor=\"middle\">{E(label(n))}</text>");
        }
        return this;
    }

    /// <summary>The two axis lines and their titles (each naming its unit).</summary>
    public SvgChart Axes(string xTitle, string yTitle)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Bottom}\" stroke=\"#333\"/>");
        _svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Bottom}\" x2=\"{Right}\" y2=\"{Bottom}\" stroke=\"#333\"/>");
        _svg.Append(CultureInfo.InvariantCulture,
            $"<text class=\"xlabel\" x=\"{(Left + Right) / 2}\" y=\"{Height - 14}\" font-size=\"12\" text-anchor=\"middle\">" +
            $"{E(xTitle)}</text>");
        var mid = (Top + Bottom) / 2;
        _svg.Append(CultureInfo.InvariantCulture, $"<text class=\"ylabel\" x=\"16\" y=\"{mid}\" font-size=\"12\" text-anchor=\"middle\" " +
            $"transform=\"rotate(-90 16 {mid})\">{E(yTitle)}</text>");
        return this;
    }

    /// <summary>A window of the x axis shaded over the plot's height (a fault, a slash on its way), with its label on top.</summary>
    public SvgChart Window(string cssClass, double x0, double x1, string color, string label)
    {
        var width = Math.Max(2, x1 - x0);
        _svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{cssClass}\" x=\"{F(x0)}\" y=\"{Top}\" width=\"{F(width)}\" " +
            $"height=\"{Bottom - Top}\" fill=\"{color}\" fill-opacity=\".15\"><title>{E(label)}</title></rect>");
        return Mark(x0, color, label);
    }

    /// <summary>An instant of the x axis as a dashed vertical line, labelled at the top.</summary>
    public SvgChart Instant(string cssClass, double x, string color, string label)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{cssClass}\" x1=\"{F(x)}\" y1=\"{Top}\" x2=\"{F(x)}\" y2=\"{Bottom}\" " +
            $"stroke=\"{color}\" stroke-dasharray=\"4 3\"><title>{E(label)}</title></line>");
        return Mark(x, color, label);
    }

    /// <summary>Per row of marker labels, the spans (pixels) its labels take.</summary>
    private readonly List<List<(double From, double To)>> _rows = [];

    /// <summary>Estimated label width per character at font-size 10 (sans-serif digits and lower case run 5-6 px).</summary>
    private const double LabelCharWidth = 6;

    /// <summary>Label rows stay in the plot's top band, clear of most of the lines below.</summary>
    private const int MaxRows = 6;

    /// <summary>
    /// A marker's label, right of its marker (or left of it in the plot's last quarter, so it stays inside the chart), in
    /// the top row where it does not print over an earlier label: faults that start together stack instead of
    /// overlapping. When every row that fits the plot is taken, the row it overlaps least.
    /// </summary>
    private SvgChart Mark(double x, string color, string label)
    {
        var left = x > Right - (Right - Left) / 4.0;
        var width = label.Length * LabelCharWidth + 3;
        var span = left ? (From: x - width, To: x) : (From: x, To: x + width);
        double Overlap(List<(double From, double To)> row) =>
            row.Sum(s => Math.Max(0, Math.Min(s.To, span.To) - Math.Max(s.From, span.From)));
        var row = _rows.FindIndex(r => Overlap(r) == 0);
        if (row < 0 && _rows.Count < Math.Clamp((Bottom - Top - 11) / 12, 1, MaxRows)) _rows.Add([]);
        if (row < 0) row = _rows.Count > 0 && Overlap(_rows[^1]) == 0 ? _rows.Count - 1 : LeastOverlapping(Overlap);
        _rows[row].Add(span);
        var y = Top + 11 + 12 * row;
        _svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{F(left ? x - 3 : x + 3)}\" y=\"{y}\" font-size=\"10\" fill=\"{color}\"" +
            $"{(left ? " text-anchor=\"end\"" : "")}{Halo}>{E(label)}</text>");
        return this;
    }

    private int LeastOverlapping(Func<List<(double From, double To)>, double> overlap)
    {
        var best = 0;
        for (var i = 1; i < _rows.Count; i++)
            if (overlap(_rows[i]) < overlap(_rows[best])) best = i;
        return best;
    }

    /// <summary>A dashed horizontal line across the plot (a goal), labelled at its left end.</summary>
    public SvgChart Level(string cssClass, double y, string color, string label)
    {
        _svg.Append(CultureInfo.InvariantCulture, $"<line class=\"{cssClass}\" x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Right}\" y2=\"{F(y)}\" " +
            $"stroke=\"{color}\" stroke-dasharray=\"6 4\"/>");
        _svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Left + 6}\" y=\"{F(y - 5)}\" font-size=\"11\" fill=\"{color}\"{Halo}>{E(label)}</text>");
        return this;
    }

    /// <summary>A polyline through <paramref name="points"/> (pixels); <paramref name="attributes"/> as written (class, data-*).</summary>
    public SvgChart Line(string attributes, IEnumerable<(double X, double Y)> points, string color)
    {
        var pts = string.Join(' ', points.Select(p => $"{F(p.X)},{F(p.Y)}"));
        _svg.Append(CultureInfo.InvariantCulture,
            $"<polyline {attributes} fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{pts}\"/>");
        return this;
    }

    /// <summary>Anything else, as SVG markup.</summary>
    public SvgChart Raw(string markup)
    {
        _svg.Append(markup);
        return this;
    }

    public string Close() => _svg.Append("</svg>").ToString();

    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public static string E(string s) => WebUtility.HtmlEncode(s);
}
