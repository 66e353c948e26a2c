using System.Globalization;
using System.Text.RegularExpressions;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Reporting.Charts;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// report.html as a researcher reads it after the slash example: a summary to quote, then a voting-power chart per chain
/// with every validator on it, time in emulated units from readiness, a value range in which the 5 % slash (12.0 G to
/// 11.9 G) is a visible step, the slash marked; then the tables, folded.
/// </summary>
public sealed class HtmlReportTests
{
    private static readonly Lazy<Task<(RunReport Report, string Html)>> SlashExample = new(() => Rendered("slash-propagation.conf"));

    /// <summary>An example run at full speed in memory, and its report.html.</summary>
    private static async Task<(RunReport Report, string Html)> Rendered(string example)
    {
        var runner = new ScenarioRunner(ScenarioParser.ParseFile(Examples.PathOf(example)),
            new RunOptions(JournalSettings.Memory, SpeedMax: true), NullLoggerFactory.Instance);
        var report = Assert.IsType<RunReport>(await runner.RunAsync());
        return (report, HtmlReport.Render(report, runner.Series, new WallTimings(TimeSpan.FromSeconds(1), 1000)));
    }

    private static string Chart(string html, string chain) =>
        Regex.Match(html, $"<svg class=\"power\" data-chain=\"{chain}\".*?</svg>", RegexOptions.Singleline) is { Success: true } m
            ? m.Value
            : throw new Xunit.Sdk.XunitException($"no voting-power chart for {chain}");

    private static double Attribute(string svg, string name) =>
        double.Parse(Regex.Match(svg, $"{name}=\"([0-9.]+)\"").Groups[1].Value, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Every_validator_of_every_chain_has_a_line_on_its_chains_chart()
    {
        var (report, html) = await SlashExample.Value;

        Assert.Equal(6, report.Chains.Length);
        foreach (var chain in report.Chains)
        {
            var svg = Chart(html, chain.Id);
            var drawn = Regex.Matches(svg, "<polyline class=\"validator\" data-validator=\"([^\"]+)\"").Select(m => m.Groups[1].Value);
            // hub-val-1's power never changed: it is drawn all the same
            Assert.Equal(chain.Validators.Select(v => v.Name).Order(), drawn.Order());
        }
    }

    [Fact]
    public async Task The_axes_say_what_they_count_in_which_unit()
    {
        var (_, html) = await SlashExample.Value;
        var svg = Chart(html, "stars");

        // a 40-minute run counts in minutes, from the network's readiness to the end
        Assert.Contains(">emulated time since the network was ready (min)</text>", svg);
        Assert.Contains(">voting power (tokens / power reduction)</text>", svg);
        var xTicks = Regex.Matches(svg, "<text class=\"xtick\"[^>]*>([^<]+)<").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal("0", xTicks[0]);
        Assert.Equal("40", xTicks[^1]);
        Assert.Contains(Regex.Matches(svg, "<text class=\"ytick\"[^>]*>([^<]+)<"), m => m.Groups[1].Value == "12.0 G");
        Assert.Contains(">emulated latency, send to receive (s)</text>", html);
    }

    [Fact]
    public async Task The_5_percent_slash_is_a_visible_step_on_a_range_fitted_to_the_powers()
    {
        var (_, html) = await SlashExample.Value;

        foreach (var consumer in new[] { "stars", "akash", "regen", "evmos" })
        {
            var svg = Chart(html, consumer);
            var (min, max) = (Attribute(svg, "data-y-min"), Attribute(svg, "data-y-max"));
            Assert.True(min > 0 && min < 10e9 && max >= 12e9, $"{consumer}: y from {min} to {max}");
            // 12.0 G to 11.9 G takes over 3 % of the chart's height (under 1 % on an axis from 0)
            Assert.True(0.1e9 / (max - min) > 0.03, $"{consumer}: the slash is {0.1e9 / (max - min):P1} of the height");
            Assert.Contains("class=\"slash\"", svg);
        }
        // the double-sign on juno, and the provider's slash on hub
        Assert.Contains(">double-sign juno-val-1<", Chart(html, "juno"));
        Assert.Contains(">slash juno-val-1 (slasher)<", Chart(html, "hub"));
    }

    /// <summary>
    /// slash-10-percent tombstones juno-val-3 (10 M to 0), so juno's shared axis must reach 0 and juno-val-1's 10 % slash of
    /// its 160 cross-staked tokens is far below a pixel there: it is drawn again on its own axis, where the slash is a step.
    /// </summary>
    [Fact]
    public async Task A_slash_the_shared_axis_cannot_show_is_drawn_again_on_the_validators_own_axis()
    {
        var (_, html) = await Rendered("slash-10-percent.conf");

        Assert.Equal(0, Attribute(Chart(html, "juno"), "data-y-min"));
        var zoom = Regex.Match(html, "<svg class=\"zoom\" data-chain=\"juno\" data-validator=\"juno-val-1\".*?</svg>",
            RegexOptions.Singleline);
        Assert.True(zoom.Success, "no chart of juno-val-1 on its own axis");
        var (min, max) = (Attribute(zoom.Value, "data-y-min"), Attribute(zoom.Value, "data-y-max"));
        Assert.True(min > 9_999_000 && max < 10_001_000, $"juno-val-1's own axis runs from {min} to {max}");
        // the slash at 10m takes 16 tokens of 160: over 3 % of this chart's height
        Assert.True(16 / (max - min) > 0.03, $"the slash is {16 / (max - min):P1} of the height");
        Assert.Contains("class=\"slash\"", zoom.Value);
        // a validator that fell to 0 is plain on the shared axis and is not drawn again
        Assert.DoesNotContain("data-validator=\"juno-val-3\" data-y-min", html);
        Assert.Contains("juno-val-3 10,000,000 → 0 (−100 %)", html);
        Assert.Contains("juno-val-1 10,000,000 → 10,000,149 (+0.00149 %)", html);
    }

    [Fact]
    public async Task A_summary_to_quote_comes_first_then_the_charts_then_the_folded_tables()
    {
        var (report, html) = await SlashExample.Value;

        var summary = html.IndexOf("<table class=summary>", StringComparison.Ordinal);
        var chart = html.IndexOf("<svg class=\"power\"", StringComparison.Ordinal);
        var tables = html.IndexOf("<details", StringComparison.Ordinal);
        Assert.True(summary >= 0 && summary < chart && chart < tables, $"summary at {summary}, first chart at {chart}, tables at {tables}");
        Assert.Equal(9, Regex.Matches(html, "<details").Count);
        Assert.Equal(10, Regex.Matches(html, "<table").Count); // the summary and the nine folded tables
        Assert.Contains("<summary>Slash costs (2)</summary>", html, StringComparison.Ordinal);
        // the restaking risk, last: each consumer's exposure, then the cascade the example's comment describes
        Assert.Contains("<summary>Restaking risk (5)</summary>", html, StringComparison.Ordinal);
        Assert.Contains("<summary>Cascade from a shock of 0.35: loss 0.643281825153374233, bound 48.300000000000004795: held (3)" +
                        "</summary>", html, StringComparison.Ordinal);
        Assert.Contains("Scenario slash-propagation (seed slash) ran 40m of emulated time on 6 chains with 7 validators and 5 mesh " +
                        "links", html);
        Assert.Contains("at the median and", html);
        // not a resumed run: the journal's check did not apply, and says so rather than counting as held
        var applied = report.Invariants.Length - 1;
        Assert.Contains($"<th>invariants</th><td>{applied} of {applied} held (1 did not apply)</td>", html);
        Assert.Contains("<td>resumed run matches its journal</td><td>n/a</td><td>not a resumed run</td>", html);
        Assert.Matches("Emulated with meshsec at commit [0-9a-f]{12}\\.", html);
        Assert.Contains($"{report.Expectations.Length} of {report.Expectations.Length} expectations passed", html);
        Assert.Contains("<th>slashes</th><td>2, reaching 5 consumer records; propagation latency 6 s to 12 s</td>", html);
    }

    [Fact]
    public async Task A_closed_channel_and_a_stopped_relayer_are_windows_on_both_chains_of_the_link()
    {
        var (_, html) = await Rendered("close-channel.conf");

        foreach (var chain in new[] { "osmosis", "juno" })
        {
            var windows = Regex.Matches(Chart(html, chain), "<rect class=\"fault\"[^>]*width=\"([0-9.]+)\"[^>]*><title>([^<]+)<")
                .Select(m => (Width: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Label: m.Groups[2].Value)).ToList();
            Assert.Contains(windows, w => w.Label == "relayer osmosis-juno stopped" && w.Width > 2);
            Assert.Contains(windows, w => w.Label == "mesh channel osmosis-juno closed" && w.Width > 2);
        }
    }

    [Theory]
    [InlineData(40, "s")]
    [InlineData(2400, "min")]
    [InlineData(86_400, "h")]
    [InlineData(30 * 86_400, "d")]
    public void A_time_axis_counts_in_a_unit_that_suits_its_span(double seconds, string unit) =>
        Assert.Equal(unit, TimeScale.For(seconds).Unit);

    [Fact]
    public void A_fitted_axis_starts_near_the_values_and_labels_them_with_the_digits_its_step_needs()
    {
        var axis = ChartAxis.Fitted(11.9e9, 12e9, 250, 50);

        Assert.True(axis.Lo > 11.8e9 && axis.Hi < 12.1e9, $"{axis.Lo} to {axis.Hi}");
        Assert.Equal("11.95 G", axis.Label(11.95e9));
        Assert.Equal(250, axis.Map(axis.Lo));
        Assert.Equal("1,500", ChartAxis.Linear(0, 1500, 0, 1).Label(1500));
    }
}
