using System.Text;
using System.Text.Json.Nodes;

namespace MeshSecurity.Scenarios.Tests.Support;

/// <summary>
/// slash-propagation.conf with two shard.handoff steps (the provider as its five cross-stakes wait in its mempool, the
/// double-signer as its evidence arrives), or with `advance` markers in their places, and how the two runs' outputs are
/// compared: equal but for the hand-offs' own records.
/// </summary>
internal static class HandOffEdits
{
    public const string Example = "slash-propagation.conf";

    // on the last step's line, after it: no other step moves (line or column). Steps are numbered in time order and
    // their transactions named by that number, so the run without the hand-offs has markers (`advance`) in their place
    private const string LastStep = "{ at = 20m, action = double-sign, chain = juno, validator = juno-val-1 }";

    public const string HandOffs =
        LastStep + ", { at = 6m, chaos = shard.handoff, chain = hub }, { at = 20m, chaos = shard.handoff, chain = juno }";

    private const string Markers = LastStep + ", { at = 6m, action = advance }, { at = 20m, action = advance }";

    /// <summary>The example with the two hand-offs (columns 77 and 126 of their line, steps[7] and steps[8]).</summary>
    public static string WithHandOffs() => Examples.Text(Example).Replace(LastStep, HandOffs, StringComparison.Ordinal);

    /// <summary>The example with `advance` markers in the hand-offs' places.</summary>
    public static string WithMarkers() => Examples.Text(Example).Replace(LastStep, Markers, StringComparison.Ordinal);

    /// <summary>The example with <paramref name="steps"/> ("{ ... }, { ... }") after its last step, on its line.</summary>
    public static string WithAfterLastStep(string steps) =>
        Examples.Text(Example).Replace(LastStep, LastStep + ", " + steps, StringComparison.Ordinal);

    /// <summary>The line (from 1) the hand-offs are on.</summary>
    public static int Line(string text) => text.Split('\n').ToList().FindIndex(l => l.Contains(HandOffs, StringComparison.Ordinal)) + 1;

    /// <summary>
    /// Asserts the runs' events are the same but for the hand-off run's two `chaos_injected` lines, which it answers.
    /// </summary>
    public static List<string> AssertSameEventsBut(byte[] plain, byte[] handedOff)
    {
        var records = Lines(handedOff).Where(l => l.Contains("\"chaos_injected\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Contains("\"shard.handoff\"", r, StringComparison.Ordinal));
        var (expected, actual) = (Lines(plain).ToList(), Lines(handedOff).Where(l => !records.Contains(l)).ToList());
        var first = Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => expected[i] != actual[i], -1);
        Assert.True(first < 0 && expected.Count == actual.Count,
            first < 0
                ? $"{expected.Count} lines, {actual.Count} with the hand-offs"
                : $"line {first}:\n{expected[first]}\n{actual[first]}");
        return records;
    }

    /// <summary>report.json without the hand-offs (and the markers in their place) and the faults timeline they make.</summary>
    public static string WithoutHandOffs(byte[] report)
    {
        var json = JsonNode.Parse(report)!.AsObject();
        json.Remove("faults");
        var steps = json["steps"]!.AsArray();
        foreach (var step in steps.Where(s => s!["action"]!.GetValue<string>() is "chaos" or "advance").ToList()) steps.Remove(step);
        return json.ToJsonString();
    }

    private static IEnumerable<string> Lines(byte[] events) => Encoding.UTF8.GetString(events).Split('\n');
}
