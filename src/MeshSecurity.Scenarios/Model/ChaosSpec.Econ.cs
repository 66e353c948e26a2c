using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record ChaosSpec
{
    /// <summary>
    /// A withdraw race on the provider's lockup: in one block, <paramref name="Account"/> cross-stakes all its free
    /// collateral to <paramref name="Validator"/> over the link and unbonds (withdraws) the same collateral, in an order
    /// drawn from the seed. At most one can succeed: the lockup's claims must stay covered.
    /// </summary>
    public sealed record EconWithdrawRace(string Provider, string Consumer, string Account, string Validator) : ChaosSpec
    {
        public override string Name => "econ.withdraw-race";
        public override bool Lasting => false;
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer} {Account}/{Validator}";

        public override string ToHocon() =>
            $"chaos = {Name}, provider = {Provider}, consumer = {Consumer}, account = {Account}, validator = {Validator}";
    }

    /// <summary>
    /// The link's price oracle publishes the path's price × <paramref name="Factor"/> from the fault's start (at once, and
    /// at every slot while it holds); at its end the path's own price again, at once.
    /// </summary>
    public sealed record EconPriceShock(string Provider, string Consumer, Dec Factor) : ChaosSpec
    {
        public override string Name => "econ.price-shock";
        public override ImmutableArray<string> Chains => [Provider, Consumer];
        public override string Describe() => $"{Name} {Provider}->{Consumer} x{Factor}";
        public override string ToHocon() => $"{OnLink(Provider, Consumer)}, factor = \"{Factor}\"";
    }
}
