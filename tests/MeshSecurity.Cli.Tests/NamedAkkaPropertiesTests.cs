using MeshSecurity.Cli.Commands;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace MeshSecurity.Cli.Tests;

/// <summary>
/// Akka's positional log lines reach meshsec.log and --log-format json with named properties, rendered as before;
/// meshsec's own named templates pass untouched.
/// </summary>
public class NamedAkkaPropertiesTests
{
    private sealed class Collect : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];
        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    private static LogEvent Written(string template, params (string Name, object Value)[] properties)
    {
        var sink = new Collect();
        new NamedAkkaProperties(sink).Emit(new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null,
            new MessageTemplateParser().Parse(template), properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value)))));
        return Assert.Single(sink.Events);
    }

    [Theory]
    [InlineData("Cluster Node [{0}] - {1}", "Cluster Node [{Node}] - {Message}", "Node")]
    [InlineData("Remoting started; listening on addresses : [{0}]", "Remoting started; listening on addresses : [{Addresses}]",
        "Addresses")]
    [InlineData("a line no table knows: {0} then {1}", "a line no table knows: {Arg0} then {Arg1}", "Arg0")]
    public void A_positional_akka_line_gets_named_properties_and_renders_the_same(string template, string named, string first)
    {
        var e = Written(template, ("0", "akka.tcp://meshsec@127.0.0.1:4053"), ("1", "Starting up..."), ("LogSource", "Cluster"));

        Assert.Equal(named, e.MessageTemplate.Text);
        Assert.Equal("\"akka.tcp://meshsec@127.0.0.1:4053\"", e.Properties[first].ToString());
        Assert.DoesNotContain("0", e.Properties.Keys);
        Assert.True(e.Properties.ContainsKey("LogSource"));
        Assert.Equal(template.Replace("{0}", "\"akka.tcp://meshsec@127.0.0.1:4053\"", StringComparison.Ordinal)
            .Replace("{1}", "\"Starting up...\"", StringComparison.Ordinal), e.RenderMessage());
    }

    [Fact]
    public void A_named_template_passes_as_it_is()
    {
        var e = Written("exit code {ExitCode}", ("ExitCode", 2));

        Assert.Equal("exit code {ExitCode}", e.MessageTemplate.Text);
        Assert.Equal("exit code 2", e.RenderMessage());
    }
}
