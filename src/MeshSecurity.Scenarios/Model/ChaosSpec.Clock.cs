using System.Collections.Immutable;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record ChaosSpec
{
    /// <summary>
    /// The chain's validators' clocks run <paramref name="OffsetNanos"/> ahead (positive) or behind (negative) the
    /// emulated instant: its block header times, and every timeout measured on it, are off by that much while the fault
    /// holds. Header times never go back: a clock behind holds the header time until the instant catches up.
    /// </summary>
    public sealed record ChainClockSkew(string Chain, long OffsetNanos) : ChaosSpec
    {
        public override string Name => "chain.clock-skew";
        public override ImmutableArray<string> Chains => [Chain];
        public override string Describe() => $"{Name} {Chain} {Offset}";
        public override string ToHocon() => $"chaos = {Name}, chain = {Chain}, offset = \"{Offset}\"";

        /// <summary>The offset as written: "+30s", "-1m30s".</summary>
        public string Offset => (OffsetNanos < 0 ? "-" : "+") + new Duration((ulong)System.Math.Abs(OffsetNanos));
    }

    /// <summary>
    /// The chain's clocks jump <paramref name="By"/> ahead at its next block, once: that block's header time leaps, and
    /// the blocks after hold it until the instant catches up (header times never go back).
    /// </summary>
    public sealed record ChainClockJump(string Chain, Duration By) : ChaosSpec
    {
        public override string Name => "chain.clock-jump";
        public override bool Lasting => false;
        public override ImmutableArray<string> Chains => [Chain];
        public override string Describe() => $"{Name} {Chain} {By}";
        public override string ToHocon() => $"chaos = {Name}, chain = {Chain}, by = {By}";
    }
}
