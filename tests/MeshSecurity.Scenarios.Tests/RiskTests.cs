using MeshSecurity.Core.Math;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// The `risk` settings and the report's restaking risk section: located errors for what cannot be, and, on the
/// slash-propagation example, the cascade its comment describes (a shock on akash burns carol's shared collateral, which
/// makes stars, then regen, cheaper to corrupt than they are worth).
/// </summary>
public sealed class RiskTests
{
    [Fact]
    public void Profits_shock_and_threshold_are_read_with_defaults()
    {
        var s = Parse.Ok(Parse.Base + "risk { threshold = \"0.34\", profits { juno = 40 } }\n");
        Assert.Equal((Amount)40, s.Risk.Profits["juno"]);
        Assert.Equal((RiskSpec.DefaultShock, Dec.Parse("0.34")), (s.Risk.Shock, s.Risk.Threshold));
        Assert.Equal(RiskSpec.Default, Parse.Ok(Parse.Base).Risk);
    }

    [Theory]
    [InlineData("risk { profits { osmosis = 40 } }", 7, 18, "risk.profits.osmosis", "unknown key \"osmosis\" in risk.profits")]
    [InlineData("risk { profits { jnuo = 40 } }", 7, 18, "risk.profits.jnuo", "(did you mean \"juno\"?)")]
    [InlineData("risk { shock = \"1\" }", 7, 8, "risk.shock", "expected a share of the slashable stake below 1")]
    [InlineData("risk { threshold = \"0\" }", 7, 8, "risk.threshold", "expected a share of a chain's power above 0 and at most 1")]
    [InlineData("risk { profits { juno = \"5uosmo\" } }", 7, 18, "risk.profits.juno", "ujuno")]
    public void Bad_settings_are_located(string risk, int line, int column, string key, string said)
    {
        var error = Assert.Single(Parse.Errors(Parse.Base + risk + "\n"));
        Assert.Equal((line, column, key), (error.Line, error.Column, error.Key));
        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_slash_propagation_report_shows_a_shock_cascading_through_shared_collateral()
    {
        var scenario = ScenarioParser.ParseFile(Examples.PathOf("slash-propagation.conf"));
        var report = await new ScenarioRunner(scenario, new RunOptions(JournalSettings.Memory, SpeedMax: true), NullLoggerFactory.Instance)
            .RunAsync();

        var risk = report!.Risk!;
        Assert.Equal(("690000000", "685000000", true), Row(risk, "stars"));
        Assert.Equal(("690000000", "675000000", true), Row(risk, "regen"));
        Assert.Equal(["shock: akash akash-val-1 slashed (σ 690000000)",
            "stars corrupted by stars-val-1 at a cost of 680500000, below its profit 685000000",
            "regen corrupted by regen-val-1 at a cost of 671475000, below its profit 675000000"], risk.Cascade.ToArray());
        Assert.Equal(("0.0072992700729927", "0.643281825153374233", true), (risk.Slack, risk.Loss, risk.BoundHolds));
    }

    private static (string Cost, string? Profit, bool? Secure) Row(Reporting.RunReport.RiskInfo risk, string chain) =>
        risk.Chains.Single(c => c.Chain == chain) is var c ? (c.Cost, c.Profit, c.Secure) : default;
}
