using System.Collections.Immutable;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// A light client's max clock drift (ibc-go's 07-tendermint check, CometBFT's words): a header at or past the chain's
/// block time plus the drift is refused, one just under it is taken, and a client created without one checks nothing.
/// </summary>
public sealed class ClockDriftTests
{
    private static readonly Timestamp Now = Timestamp.FromSeconds(1_700_000_000);

    private static readonly ImmutableSortedDictionary<string, byte[]> Keys =
        ImmutableSortedDictionary<string, byte[]>.Empty.Add("val-1", [1, 2, 3]);

    private static ClientHeader Header(ulong height, Timestamp time) => new("juno", height, time, Keys);

    private static (IbcState State, string Client) Created(ulong? drift) =>
        IbcState.Empty.CreateClient(Header(10, Timestamp.FromSeconds(1_699_999_940)), 3600, drift);

    [Theory]
    [InlineData(40UL, 39UL, true)]
    [InlineData(40UL, 40UL, false)]
    [InlineData(40UL, 600UL, false)]
    [InlineData(1UL, 0UL, true)]
    [InlineData(1UL, 1UL, false)]
    public void A_header_as_far_ahead_as_the_drift_is_refused_and_one_under_it_is_taken(ulong drift, ulong ahead, bool taken)
    {
        var (state, client) = Created(drift);
        var header = Header(11, Now.PlusSeconds(ahead));

        if (taken)
        {
            Assert.Equal(11UL, state.UpdateClient(client, header, Now).Clients[client].LatestHeight);
            return;
        }
        var error = Assert.IsType<IbcError.HeaderFromFuture>(Assert.Throws<MeshException>(() => state.UpdateClient(client, header, Now)).Error);
        Assert.Equal(new IbcError.HeaderFromFuture(header.Time, Now, drift), error);
        Assert.Contains(IbcError.FromTheFuture, error.Message, StringComparison.Ordinal);
        Assert.Contains($"max clock drift: {drift}s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_client_without_a_drift_takes_a_header_from_any_time_and_keeps_none_in_its_stored_form()
    {
        var (state, client) = Created(null);

        var updated = state.UpdateClient(client, Header(11, Now.PlusSeconds(86_400)), Now);

        Assert.Equal(11UL, updated.Clients[client].LatestHeight);
        Assert.DoesNotContain("max_clock_drift", System.Text.Json.JsonSerializer.Serialize(updated.Clients[client], Wire.Options),
            StringComparison.OrdinalIgnoreCase);
    }
}
