using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MelLevel = Microsoft.Extensions.Logging.LogLevel;

namespace MeshSecurity.Emulator.Hosting;

/// <summary>
/// Akka's log events to the caller's <see cref="ILoggerFactory"/> (hocon/node.conf names it in akka.loggers). Akka's
/// templates number their arguments, not always in order ("node [{1}] to [{0}]"), and a Microsoft.Extensions template
/// binds arguments in order of appearance: Akka.Hosting's logger printed "Leader is moving node [Up] to [ADDRESS]". Here
/// the arguments are passed in the order their holes appear, so each lands in its place and keeps its number as its name
/// (meshsec's log sinks name them, docs/report.md). The category is the class that logged, or "Akka".
/// </summary>
public sealed partial class AkkaLogBridge : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    private readonly ILoggerFactory _factory;
    private readonly Dictionary<Type, ILogger> _loggers = [];

    public AkkaLogBridge()
    {
        var setup = Context.System.Settings.Setup.Get<LoggerFactorySetup>();
        _factory = setup.HasValue ? setup.Value.LoggerFactory : NullLoggerFactory.Instance;
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(Log);
    }

    private void Log(LogEvent e)
    {
        var level = e.LogLevel() switch
        {
            Akka.Event.LogLevel.DebugLevel => MelLevel.Debug,
            Akka.Event.LogLevel.InfoLevel => MelLevel.Information,
            Akka.Event.LogLevel.WarningLevel => MelLevel.Warning,
            _ => MelLevel.Error,
        };
        var logger = Logger(e.LogClass);
        if (!logger.IsEnabled(level)) return;
        if (e.Message is LogMessage message && InAppearanceOrder(message) is { } args)
            logger.Log(level, e.Cause, message.Format, args);
        else
            logger.Log(level, e.Cause, "{AkkaMessage}", e.Message?.ToString());
    }

    /// <summary>
    /// The message's arguments, one per hole in the order the holes appear; null when a hole names an argument the message
    /// does not have (then the message goes as Akka formats it). Some of Akka's templates name their holes
    /// ("invoked due to [Reason:{Reason}]"): those take the arguments in order, as Akka does.
    /// </summary>
    private static object?[]? InAppearanceOrder(LogMessage message)
    {
        var given = message.Parameters().ToArray();
        var holes = Hole().Matches(message.Format);
        var args = new object?[holes.Count];
        for (var k = 0; k < holes.Count; k++)
        {
            var name = holes[k].Groups[1].Value;
            var i = int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : k;
            if (i >= given.Length) return null;
            args[k] = given[i];
        }
        return args;
    }

    private ILogger Logger(Type? type)
    {
        type ??= typeof(DummyClassForStringSources);
        if (_loggers.TryGetValue(type, out var logger)) return logger;
        var category = type == typeof(DummyClassForStringSources) ? "Akka" : type.FullName ?? type.Name;
        return _loggers[type] = _factory.CreateLogger(category);
    }

    /// <summary>"{0}", "{1:N0}", "{2,5}", "{Reason}", not an escaped "{{0}}".</summary>
    [GeneratedRegex(@"(?<!\{)\{(\d+|[A-Za-z_@][A-Za-z0-9_]*)([,:][^}]*)?\}")]
    private static partial Regex Hole();
}
