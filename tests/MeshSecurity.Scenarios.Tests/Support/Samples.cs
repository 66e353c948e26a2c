namespace MeshSecurity.Scenarios.Tests.Support;

/// <summary>Scenario texts shared by several tests.</summary>
internal static class Samples
{
    /// <summary>One file with nine errors of different kinds (docs/scenarios.md quotes three of them).</summary>
    public const string ManyErrors = """
    scenario {
      name = t
      sped = max
    }
    chains = [
      {
        id = osmosis
        prefix = osmo
        denom = uosmo
        blok-time = 6s
        validators = [ { name = v1, stake = 1.5 } ]
        accounts = [ { name = alice, balance = "100uosmo" } ]
      }
      { id = juno, prefix = juno, denom = ujuno, validators = [ { name = jv, stake = 100 } ] }
    ]
    links = [
      { provider = osmosis, consumer = juno, exchange-rate = abc, staking-funds = 1e6 }
    ]
    steps = [
      { at = 1m, action = bond, chain = osmosis, account = bob, amount = 100 }
      { at = -1m, action = frobnicate }
    ]
    expect = [
      { at = 1h, what = claim, account = alice, provider = osmosis, consumer = juno, equals = 5, extra = 1 }
    ]
    """;
}
