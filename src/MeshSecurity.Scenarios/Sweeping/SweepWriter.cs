using System.Text.Json;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Sweeping;

/// <summary>Writes a sweep's files: sweep.json (stable, deterministic, as report.json is written) and sweep.html.</summary>
public static class SweepWriter
{
    public static string Json(SweepReport report) => JsonSerializer.Serialize(report, ReportWriter.JsonOptions) + "\n";

    public static async Task WriteAllAsync(string dir, SweepReport report, CancellationToken ct = default)
    {
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "sweep.json"), Json(report), ct);
        await File.WriteAllTextAsync(Path.Combine(dir, "sweep.html"), SweepHtml.Render(report), ct);
    }
}
