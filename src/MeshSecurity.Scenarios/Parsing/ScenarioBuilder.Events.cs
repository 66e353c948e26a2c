using System.Collections.Immutable;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

internal sealed partial class ScenarioBuilder
{
    /// <summary>
    /// A step's "expect-events": a list of { type, attributes { key = value, ... } }. Empty when the key is left out; default
    /// (an error was reported) when it does not read.
    /// </summary>
    private ImmutableArray<EventExpectation> ReadEventExpectations(ObjectReader r)
    {
        if (!r.Has("expect-events")) return [];
        if (r.Has("expect-error"))
        {
            ctx.Error(r.PathOf("expect-events"), "a transaction that fails emits no events: give expect-error or expect-events, not both");
            return default;
        }
        var elements = r.List("expect-events", false, "a list of events { type = ..., attributes { key = value } }");
        if (elements is null) return default;
        var result = ImmutableArray.CreateBuilder<EventExpectation>();
        var ok = true;
        foreach (var element in elements)
        {
            var e = ctx.Object(element, "an event", "type", "attributes");
            if (e is null)
            {
                ok = false;
                continue;
            }
            var type = e.Text("type", true, "an event type like \"wasm\" or \"write_acknowledgement\"");
            var attributes = ImmutableArray.CreateBuilder<(string, string)>();
            if (e.Get("attributes", false, "an object of attributes") is { } node)
            {
                if (node.Kind != HoconNodeKind.Object)
                {
                    ctx.Error(node.Path, $"expected an object of attributes {{ key = value }}, got {node.Describe()}");
                    ok = false;
                }
                else
                {
                    foreach (var (key, field) in node.Fields)
                    {
                        var value = ctx.Text(new HoconNode(field, KeyPath.Child(node.Path, key)), "an attribute's value as text");
                        if (value is null) ok = false;
                        else attributes.Add((key, value));
                    }
                }
            }
            e.Finish("in an expected event");
            if (type is null) ok = false;
            else result.Add(new EventExpectation(type, attributes.ToImmutable()));
        }
        return ok ? result.ToImmutable() : default;
    }
}
