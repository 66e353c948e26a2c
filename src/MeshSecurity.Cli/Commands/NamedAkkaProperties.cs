using System.Globalization;
using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// Akka's own log lines use positional templates ("Cluster Node [{0}] - {1}"), which a log pipeline sees as properties
/// named "0" and "1". Before a sink writes one, its holes get names: those of the lines a run or a node prints most
/// (start-up, membership, unreachable addresses), else Arg0, Arg1, ...; the rendered message is unchanged.
/// </summary>
public sealed partial class NamedAkkaProperties(ILogEventSink inner) : ILogEventSink, IDisposable
{
    private static readonly Dictionary<string, string[]> Known = new(StringComparer.Ordinal)
    {
        ["Remoting started; listening on addresses : [{0}]"] = ["Addresses"],
        ["Remoting now listens on addresses: [{0}]"] = ["Addresses"],
        ["Cluster Node [{0}] - {1}"] = ["Node", "Message"],
        ["Tried to associate with unreachable remote address [{0}]. Address is now gated for {1} ms, all messages to this " +
         "address will be delivered to dead letters. Reason: [{2}] {3}"] = ["Address", "GatedMs", "Reason", "Detail"],
        ["Removing receive buffers for [{0}]->[{1}]"] = ["Local", "Remote"],
        ["Couldn't join seed nodes after [{0}] attempts, will try again. seed-nodes=[{1}]"] = ["Attempts", "SeedNodes"],
        ["Association with remote system {0} has failed; address is now gated for {1} ms. Reason is: [{2}]"] =
            ["Address", "GatedMs", "Reason"],
    };

    private static readonly MessageTemplateParser Parser = new();

    public void Emit(LogEvent e)
    {
        if (!e.MessageTemplate.Tokens.OfType<PropertyToken>().Any(t => t.IsPositional))
        {
            inner.Emit(e);
            return;
        }
        var names = Known.GetValueOrDefault(e.MessageTemplate.Text);
        string Name(int position) => names is not null && position < names.Length ? names[position] : $"Arg{position}";
        var text = Hole().Replace(e.MessageTemplate.Text,
            m => "{" + Name(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) + m.Groups[2].Value + "}");
        var properties = e.Properties.Select(p => new LogEventProperty(
            int.TryParse(p.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? Name(i) : p.Key, p.Value));
        inner.Emit(new LogEvent(e.Timestamp, e.Level, e.Exception, Parser.Parse(text), properties));
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    /// <summary>"{0}", "{1:N0}", "{2,5}", not an escaped "{{0}}".</summary>
    [GeneratedRegex(@"(?<!\{)\{(\d+)([,:][^}]*)?\}")]
    private static partial Regex Hole();
}
