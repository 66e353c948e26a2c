namespace MeshSecurity.Scenarios.Model;

public abstract partial record ScenarioStep
{
    /// <summary>
    /// Injects <paramref name="Fault"/>; a lasting one ends after <paramref name="For"/> (null: at a heal, or the run's
    /// end). <paramref name="Source"/> names who injected it in events and the report: the step's key ("steps[3]"), or
    /// "nemesis" for the scenario's seeded nemesis.
    /// </summary>
    public sealed record Chaos(Duration At, ChaosSpec Fault, Duration? For, string Source) : ScenarioStep(At)
    {
        public override string Action => "chaos";

        /// <summary>When a lasting fault with a <see cref="For"/> ends.</summary>
        public Duration? Until => For is { } f ? At + f : null;
    }
}
