using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// How run and node write their logs (--log-format): text for people, or json, one object per line with the message
/// template, its named properties and the rendered message, for log pipelines.
/// </summary>
public enum LogFormat
{
    Text,
    Json,
}

/// <summary>The sinks of each format, shared by run and node.</summary>
public static class LogFormats
{
    public const string Help = "text (default) or json: one JSON object per line, with the message template, its named " +
                               "properties and the rendered message.";

    public static LogFormat Parse(string? text) => text switch
    {
        null or "text" => LogFormat.Text,
        "json" => LogFormat.Json,
        _ => throw new FormatException($"--log-format must be text or json, got '{text}'"),
    };

    /// <summary>The console sink on stderr; <paramref name="template"/> for text.</summary>
    public static LoggerConfiguration Console(this LoggerSinkConfiguration to, LogFormat format, LogEventLevel level, string template) =>
        to.Sink(LoggerSinkConfiguration.Wrap(sink => new NamedAkkaProperties(sink), c => _ = format == LogFormat.Json
            ? c.Console(new JsonFormatter(renderMessage: true), level, standardErrorFromLevel: LogEventLevel.Verbose)
            : c.Console(restrictedToMinimumLevel: level, standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: template)));

    public static LoggerConfiguration File(this LoggerSinkConfiguration to, LogFormat format, string path, LogEventLevel level,
        string template) =>
        to.Sink(LoggerSinkConfiguration.Wrap(sink => new NamedAkkaProperties(sink), c => _ = format == LogFormat.Json
            ? c.File(new JsonFormatter(renderMessage: true), path, level)
            : c.File(path, level, outputTemplate: template)));
}
