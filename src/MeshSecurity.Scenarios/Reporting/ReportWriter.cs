using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeshSecurity.Emulator.Events;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// Writes a run's files: report.json (stable, deterministic) and report.html (self-contained, with SVG charts), at the
/// end; events.jsonl (the whole history in canonical order, one JSON object a line, <see cref="EventLine"/>) is written
/// as the run goes, by <see cref="EventsFile"/>.
/// </summary>
public static class ReportWriter
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private static readonly JsonSerializerOptions LineOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Json(RunReport report) => JsonSerializer.Serialize(report, JsonOptions) + "\n";

    public static async Task WriteAllAsync(string dir, RunReport report, ReportSeries series, WallTimings wall)
    {
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "report.json"), Json(report));
        await File.WriteAllTextAsync(Path.Combine(dir, "report.html"), HtmlReport.Render(report, series, wall));
    }

    /// <summary>One event as a JSON line: time (ns), chain, height, type, then its own fields.</summary>
    public static string EventLine(EmulatorEvent e)
    {
        var fields = new SortedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["time_ns"] = e.Time.Nanos,
            ["chain"] = e.ChainId,
            ["height"] = e.Height,
            ["type"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(e.GetType().Name),
        };
        switch (e)
        {
            case EmulatorEvent.BlockCommitted b:
                fields["tx_count"] = b.TxCount;
                fields["app_hash"] = b.AppHash;
                break;
            case EmulatorEvent.TxExecuted t:
                fields["tx"] = t.TxId;
                fields["success"] = t.Success;
                fields["error"] = t.Result.Error?.ToString();
                fields["events"] = t.Result.Events.Select(ev => ev.ToString()).ToList();
                break;
            case EmulatorEvent.HookExecuted h:
                fields["tx"] = h.Result.TxId;
                fields["success"] = h.Result.IsSuccess;
                fields["error"] = h.Result.Error?.ToString();
                fields["events"] = h.Result.Events.Select(ev => ev.ToString()).ToList();
                break;
            case EmulatorEvent.PacketSent p:
                Packet(fields, p.Packet);
                break;
            case EmulatorEvent.AcknowledgementWritten w:
                Packet(fields, w.Packet);
                fields["success"] = w.Success;
                break;
            case EmulatorEvent.PacketAcknowledged a:
                Packet(fields, a.Packet);
                fields["success"] = a.Success;
                break;
            case EmulatorEvent.PacketTimedOut o:
                Packet(fields, o.Packet);
                break;
            case EmulatorEvent.ValidatorPowerChanged v:
                fields["validator"] = v.Validator;
                fields["power"] = v.Power;
                break;
            case EmulatorEvent.SlashApplied s:
                fields["validator"] = s.Validator;
                fields["fraction"] = s.Fraction.ToString();
                fields["burned"] = s.Burned;
                break;
            case EmulatorEvent.ReplayDiverged d:
                fields["journal_app_hash"] = d.JournalAppHash;
                fields["app_hash"] = d.AppHash;
                break;
        }
        return JsonSerializer.Serialize(fields, LineOptions);
    }

    private static void Packet(SortedDictionary<string, object?> f, Core.Ibc.IbcPacket p)
    {
        f["src"] = p.Source.ToString();
        f["dst"] = p.Destination.ToString();
        f["sequence"] = p.Sequence;
        f["data"] = Encoding.UTF8.GetString(p.Data);
        f["timeout_ns"] = p.Timeout.Time?.Nanos;
        f["timeout_height"] = p.Timeout.Height;
    }
}
