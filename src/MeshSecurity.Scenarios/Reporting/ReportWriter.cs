using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeshSecurity.Scenarios.Reporting;

/// <summary>
/// Writes a run's files: report.json (stable, deterministic) and report.html (self-contained, with SVG charts), at the
/// end; events.jsonl (the whole history in canonical order, one JSON object a line, <see cref="EventLines"/>) is written
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

    public static string Json(RunReport report) => JsonSerializer.Serialize(report, JsonOptions) + "\n";

    /// <summary><paramref name="resumed"/>: the run continued a journal, so the journal's check applied.</summary>
    public static async Task WriteAllAsync(string dir, RunReport report, ReportSeries series, WallTimings wall, bool resumed = false)
    {
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "report.json"), Json(report));
        await File.WriteAllTextAsync(Path.Combine(dir, "report.html"), HtmlReport.Render(report, series, wall, resumed));
    }
}
