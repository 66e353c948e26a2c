using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Execution;

/// <summary>
/// A response is built in place (docs/decisions/0018-events-as-typed-values.md): a chain of calls gives the parts in
/// the order they were added, what was handed out as an immutable array never changes, and neither
/// <see cref="Response.Empty"/> nor a response its contract returned changes when something adds to it.
/// </summary>
public class ResponseBuilderTests
{
    private static readonly CosmosMsg Burn = new CosmosMsg.BankBurn(Coins.Of("stake", new Amount(5)));
    private static readonly CosmosMsg Other = new CosmosMsg.BankBurn(Coins.Of("stake", new Amount(7)));

    [Fact]
    public void A_chain_of_calls_gives_every_part_in_the_order_added()
    {
        var e = new Event("x", ("k", "v"));
        var r = Response.WithAttribute("action", "bond")
            .AddAttribute("amount", new Amount(3))
            .AddMessage(Burn)
            .AddAttributes(("a", 1UL), ("b", 2UL), ("c", 3UL), ("d", 4UL))
            .AddEvent(e)
            .AddSubMessage(new SubMsg(9, Other, ReplyOn.Success))
            .AddAttribute("last", true)
            .SetData("data");
        Assert.Equal(["action", "amount", "a", "b", "c", "d", "last"], r.Attributes.Select(a => a.Key));
        Assert.Equal("3", r.Attributes[1].Value.ToString());
        Assert.Equal([Burn, Other], r.Messages.Select(m => m.Msg));
        Assert.Equal([ReplyOn.Never, ReplyOn.Success], r.Messages.Select(m => m.ReplyOn));
        Assert.Equal([e], r.Events.ToArray());
        Assert.Equal("data", r.Data);
        Assert.Equal(r.Attributes.ToArray(), r.AttributeArray.Take(r.AttributeCount));
    }

    [Fact]
    public void What_was_read_as_an_immutable_array_keeps_its_content_when_more_is_added()
    {
        var r = Response.WithAttribute("a", "1").AddAttribute("b", "2");
        var before = r.Attributes;
        r = r.AddAttribute("c", "3").AddAttribute("d", "4").AddAttribute("e", "5");
        Assert.Equal(["a", "b"], before.Select(a => a.Key));
        Assert.Equal(["a", "b", "c", "d", "e"], r.Attributes.Select(a => a.Key));
    }

    [Fact]
    public void Empty_never_changes()
    {
        var r = Response.Empty.AddAttribute("a", "1").AddMessage(Burn).AddEvent(new Event("x")).SetAck(Acknowledgement.Failure("no"));
        Assert.NotSame(Response.Empty, r);
        Assert.Empty(Response.Empty.Attributes);
        Assert.Empty(Response.Empty.Messages);
        Assert.Empty(Response.Empty.Events);
        Assert.Null(Response.Empty.Acknowledgement);
        Assert.Single(r.Attributes);
    }

    [Fact]
    public void A_returned_response_keeps_its_parts_and_an_add_starts_a_copy()
    {
        var returned = Response.WithAttribute("a", "1").AddMessage(Burn).Seal();
        var more = returned.AddAttribute("b", "2").AddMessage(Other).SetData("d");
        Assert.NotSame(returned, more);
        Assert.Equal(["a"], returned.Attributes.Select(a => a.Key));
        Assert.Equal([Burn], returned.Messages.Select(m => m.Msg));
        Assert.Null(returned.Data);
        Assert.Equal(["a", "b"], more.Attributes.Select(a => a.Key));
        Assert.Equal([Burn, Other], more.Messages.Select(m => m.Msg));
    }

    [Fact]
    public void Prepend_puts_the_side_effects_first()
    {
        var first = new Event("first");
        var own = new Event("own");
        var r = Response.Empty.AddMessage(Other).AddEvent(own).Prepend([Burn], [first]);
        Assert.Equal([Burn, Other], r.Messages.Select(m => m.Msg));
        Assert.Equal([first, own], r.Events.ToArray());
    }
}
