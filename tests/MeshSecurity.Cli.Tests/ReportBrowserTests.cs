using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.RegularExpressions;
using MeshSecurity.Cli.Commands;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// report.html of the slash example opened in a real browser, headless Chromium, as a reader opens it: the page renders
/// (a screenshot of it is not blank) and its charts are in the rendered document, one per chain, a line per validator.
/// </summary>
[Collection("console")]
public sealed class ReportBrowserTests
{
    /// <summary>A hang detector, not a speed check: a headless Chromium's start-up alone takes seconds on an idle machine.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    [ChromiumFact]
    public async Task The_slash_examples_report_renders_in_chromium_with_its_charts()
    {
        var dir = RepoFiles.TempDir();
        var (code, _, err) = await MeshsecCli.Run("run", RepoFiles.Scenario("slash-propagation.conf"), "--out", dir, "--journal",
            "memory", "--speed", "max", "--json");
        Assert.True(code == ExitCodes.Ok, err);
        var page = new Uri(Path.Combine(dir, "report.html")).AbsoluteUri;
        var png = Path.Combine(dir, "report.png");

        await Chromium(dir, $"--screenshot={png}", "--window-size=1280,2000", page);
        var dom = await Chromium(dir, "--dump-dom", page);

        var bytes = await File.ReadAllBytesAsync(png);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        Assert.Equal((1280, 2000), (width, height));
        // a blank page of that size compresses to a few KB; the summary and charts take far more
        Assert.True(bytes.Length > 50_000, $"the screenshot is {bytes.Length} bytes: a blank page?");

        Assert.Equal(6, Regex.Matches(dom, "<svg class=\"power\"").Count);
        Assert.Equal(7, Regex.Matches(dom, "<polyline class=\"validator\"").Count);
        Assert.Contains("emulated time since the network was ready (min)", dom);
        Assert.Contains("<table class=\"summary\">", dom);
    }

    /// <summary>Runs headless Chromium on its own profile in <paramref name="dir"/>; its stdout (the DOM with --dump-dom).</summary>
    private static async Task<string> Chromium(string dir, params string[] args)
    {
        var start = new ProcessStartInfo(ChromiumFactAttribute.Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     $"--user-data-dir={Path.Combine(dir, "chromium")}", .. args])
            start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var (output, errors) = (p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await p.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium {string.Join(' ', args)} took over {Limit.TotalSeconds} s: {await errors}");
        }
        Assert.True(p.ExitCode == 0, $"chromium {string.Join(' ', args)} exited {p.ExitCode}: {await errors}");
        return await output;
    }
}
