using System.Collections.Concurrent;
using Akka.Event;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using MeshSecurity.Emulator.Hosting;
using Microsoft.Extensions.Logging;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// Akka's logs reach the node's logger factory as Akka formats them: a template whose numbered arguments are out of order
/// (as Akka.Cluster's "Leader is moving node [{1}] to [{0}]"-style lines are) prints each argument in its own place, under
/// the category of the class that logged.
/// </summary>
public sealed class AkkaLogBridgeTests
{
    [Fact]
    public async Task A_template_with_arguments_out_of_order_prints_each_in_its_place_under_the_logging_class()
    {
        var captured = new Capture();
        var system = NodeHost.Start("log-bridge", JournalSettings.Memory, captured);
        try
        {
            Logging.GetLogger(system, typeof(AkkaLogBridgeTests))
                .Info("moving node [{1}] to [{0}], roles [{2}]", "Up", "akka.tcp://x@h:1", "mesh");

            var (category, message) = await captured.First.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal("moving node [akka.tcp://x@h:1] to [Up], roles [mesh]", message);
            Assert.Equal(typeof(AkkaLogBridgeTests).FullName, category);
        }
        finally
        {
            await system.Terminate();
        }
    }

    /// <summary>The first line logged with "moving" in it.</summary>
    private sealed class Capture : ILoggerFactory
    {
        public TaskCompletionSource<(string Category, string Message)> First { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        private sealed class Logger(Capture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter)
            {
                var message = formatter(state, exception);
                if (message.Contains("moving", StringComparison.Ordinal)) owner.First.TrySetResult((category, message));
            }
        }
    }
}
