using System.Collections.Concurrent;
using Akka.Event;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;
using MeshSecurity.Emulator.Hosting;
using Microsoft.Extensions.Logging;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// Akka's logs reach the node's logger factory as Akka formats them: a template whose numbered arguments are out of order
/// (as Akka.Cluster's "Leader is moving node [{1}] to [{0}]"-style lines are), or whose holes are named, prints each
/// argument in its own place, under the category of the class that logged.
/// </summary>
public sealed class AkkaLogBridgeTests
{
    [Theory]
    // Akka.Cluster's numbered holes, out of order
    [InlineData("moving node [{1}] to [{0}], roles [{2}]", "moving node [akka.tcp://x@h:1] to [Up], roles [mesh]")]
    // CoordinatedShutdown's named holes ("invoked due to [Reason:{Reason}]"), which once printed as "{Reason}"
    [InlineData("moving on [Reason:{Reason}] to [{Where}] as {Role}", "moving on [Reason:Up] to [akka.tcp://x@h:1] as mesh")]
    public async Task A_template_prints_each_argument_in_its_place_under_the_logging_class(string template, string expected)
    {
        var captured = new Capture();
        var system = NodeHost.Start("log-bridge", JournalSettings.Memory, captured);
        try
        {
            Logging.GetLogger(system, typeof(AkkaLogBridgeTests)).Info(template, "Up", "akka.tcp://x@h:1", "mesh");

            var (category, message) = await captured.First.Task.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(expected, message);
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
