using System.Globalization;
using System.Text.RegularExpressions;
using MeshSecurity.Scenarios.Reporting.Charts;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>report.html's fault and slash labels: faults that start together stack in rows instead of printing over each other.</summary>
public class ChartLabelTests
{
    [Fact]
    public void Labels_of_faults_starting_at_once_each_get_their_own_row()
    {
        var chart = new SvgChart(900, 280, 70, 24, 30, 50);
        foreach (var fault in (string[])["relayer.pause", "net.loss", "chain.halt", "validator.downtime", "ibc.error-ack"])
            chart.Window("fault", 200, 300, "#ca8a04", fault);

        var rows = LabelRows(chart.Close());

        Assert.Equal(5, rows.Count);
        Assert.Equal(5, rows.Values.Distinct().Count());
    }

    [Fact]
    public void Labels_far_apart_share_the_top_row_and_rows_stop_at_the_plots_top_band()
    {
        var chart = new SvgChart(900, 280, 70, 24, 30, 50);
        chart.Instant("fault", 100, "#ca8a04", "relayer.pause").Instant("fault", 500, "#ca8a04", "net.loss");
        for (var i = 0; i < 10; i++) chart.Instant("slash", 300, "#dc2626", $"slash {i}");

        var rows = LabelRows(chart.Close());

        Assert.Equal(rows["relayer.pause"], rows["net.loss"]);
        Assert.True(rows.Values.Distinct().Count() <= 6, "at most six rows of labels");
    }

    /// <summary>Each label's text and the y of its row.</summary>
    private static Dictionary<string, double> LabelRows(string svg) =>
        Regex.Matches(svg, "<text x=\"[^\"]+\" y=\"([^\"]+)\" font-size=\"10\"[^>]*>([^<]+)</text>")
            .ToDictionary(m => m.Groups[2].Value, m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
}
