using System.CommandLine;

namespace MeshSecurity.Cli.Commands;

/// <summary>meshsec status: asks a node's control API whether it is up (a container healthcheck, a script's wait).</summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var control = new Option<string>("--control")
        {
            Description = "The node's control API.",
            DefaultValueFactory = _ =>
                Environment.GetEnvironmentVariable(Emulator.Hosting.NodeSettings.Environment.ControlPort) is { Length: > 0 } p
                    ? $"http://127.0.0.1:{p}" : "http://127.0.0.1:4080",
        };
        var command = new Command("status",
            "Asks a node (meshsec node) whether it is up in its cluster and prints its view of the members. Exit codes: 0 up, " +
            "1 answering but not up, 2 nothing answers (or a bad --control).\n\nExamples:\n  meshsec status\n" +
            "  meshsec status --control http://127.0.0.1:4081") { control };
        command.SetAction(async (parse, ct) =>
        {
            if (!Uri.TryCreate(parse.GetValue(control), UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                Console.Error.WriteLine($"meshsec status: --control must be an http URL, got '{parse.GetValue(control)}'");
                return ExitCodes.BadInput;
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var health = await http.GetAsync(new Uri(baseUri, "/health"), ct);
                var status = await http.GetStringAsync(new Uri(baseUri, "/status"), ct);
                Console.WriteLine(Indented(status));
                return health.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                Console.Error.WriteLine($"meshsec status: no node answers at {baseUri}: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }

    private static readonly System.Text.Json.JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    /// <summary>The node's JSON laid out for a reader; anything that is not JSON (a proxy's page) as it came.</summary>
    internal static string Indented(string body)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(body)?.ToJsonString(IndentedJson) ?? body;
        }
        catch (System.Text.Json.JsonException)
        {
            return body;
        }
    }
}
