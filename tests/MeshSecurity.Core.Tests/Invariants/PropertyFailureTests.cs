using CsCheck;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Invariants;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Invariants;

/// <summary>
/// What the property tests rely on to fail loudly: a panic in contract code is never taken for a refusal (which a random
/// action may meet), and a failing property names the seed that replays it.
/// </summary>
public sealed class PropertyFailureTests
{
    /// <summary>Contract code whose every entry point ends with the given error.</summary>
    private sealed class FailingCode(MeshError error) : IContractCode
    {
        public string CodeId => "failing-code";

        public Type StateType => typeof(object);

        public ContractOutcome Run(object? state, ContractCall call, ContractContext ctx) => new ContractOutcome.Failed(error);

        public object Query(object state, object msg, ContractContext ctx) => throw error.Raise();
    }

    private static readonly ContractCall Call = new ContractCall.Execute(MessageInfo.From(Addr.Derive("osmo", "alice")), new object());

    [Fact]
    public void A_panic_is_not_an_assertion_a_property_may_accept_as_a_refusal()
    {
        var harness = new ContractHarness(new FailingCode(new StdError.Panic("NullReferenceException: boom")), Addr.Derive("osmo", "c"));
        var ex = Assert.Throws<InvalidOperationException>(() => harness.Ok(Call));
        Assert.StartsWith(MeshInvariants.NoPanic, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refusal_is_an_assertion_failure_a_property_may_accept()
    {
        var harness = new ContractHarness(new FailingCode(new StdError.Generic("refused")), Addr.Derive("osmo", "c"));
        Assert.Throws<Xunit.Sdk.XunitException>(() => harness.Ok(Call));
    }

    [Fact]
    public void A_failing_property_names_the_seed_that_replays_it_and_shows_the_case()
    {
        var ex = Assert.Throws<Xunit.Sdk.XunitException>(() =>
            Gen.Int[0, 9].SampleSeeded(i => Assert.True(i != 7), iter: 1000, seed: 500, print: i => $"case {i}"));

        var seed = ulong.Parse(System.Text.RegularExpressions.Regex.Match(ex.Message, @"failed at seed (\d+) ").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seed, 500UL, 1499UL);
        Assert.Contains($"(replay: {Seeded.ReplayVariable}={seed}) for case 7", ex.Message, StringComparison.Ordinal);
        // the seed alone reproduces the case
        Assert.Equal(7, Gen.Int[0, 9].Generate(new PCG(1, seed), null, out _));
    }
}
