using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>The scanner that gives every key path its line and column (Akka's HOCON values carry none).</summary>
public sealed class SourceMapTests
{
    private static HoconSourceMap Map(string text)
    {
        var (map, error) = HoconScanner.Scan(text);
        Assert.Null(error);
        return map;
    }

    private static void At(HoconSourceMap map, string path, int line, int column) =>
        Assert.Equal(new SourcePosition(line, column), map.Key(path));

    [Fact]
    public void Nested_objects_and_lists_of_objects()
    {
        var map = Map("""
            a {
              b = 1
              c {
                d = "x"   # comment
              }
            }
            list = [
              { x = 1, y = [ { z = 2 }, { z = 3 } ] }
              // comment
              {
                x = 4
              }
            ]
            """);
        At(map, "a", 1, 1);
        At(map, "a.b", 2, 3);
        At(map, "a.c", 3, 3);
        At(map, "a.c.d", 4, 5);
        At(map, "list", 7, 1);
        At(map, "list[0]", 8, 3);
        At(map, "list[0].x", 8, 5);
        At(map, "list[0].y", 8, 12);
        At(map, "list[0].y[0]", 8, 18);
        At(map, "list[0].y[0].z", 8, 20);
        At(map, "list[0].y[1].z", 8, 31);
        At(map, "list[1]", 10, 3);
        At(map, "list[1].x", 11, 5);
        Assert.Null(map.Key("list[2]"));
        Assert.Equal(new SourcePosition(4, 9), map.Value("a.c.d"));
    }

    [Fact]
    public void Dotted_keys_give_each_segment_a_position()
    {
        var map = Map("links = [ { relayer.latency.kind = constant } ]\n");
        At(map, "links[0].relayer", 1, 13);
        At(map, "links[0].relayer.latency", 1, 21);
        At(map, "links[0].relayer.latency.kind", 1, 29);
    }

    [Fact]
    public void Quoted_keys_are_one_segment()
    {
        var map = Map("\"a.b\" = 1\n\"c\".d = 2\n");
        At(map, "\"a.b\"", 1, 1);
        At(map, "c.d", 2, 5);
    }

    [Fact]
    public void The_last_definition_wins()
    {
        var map = Map("""
            a = [ { x = 1 }, { x = 2 } ]
            a = [ { y = 1 } ]
            b { x = 1 }
            b { y = 2 }
            """);
        At(map, "a", 2, 1);
        At(map, "a[0].y", 2, 9);
        Assert.Null(map.Key("a[0].x"));
        Assert.Null(map.Key("a[1]"));
        At(map, "b", 4, 1);
        At(map, "b.x", 3, 5); // objects merge
        At(map, "b.y", 4, 5);
    }

    [Fact]
    public void Unrecorded_paths_resolve_to_the_nearest_ancestor()
    {
        var map = Map("a {\n  b = [ { c = 1 } ]\n}\n");
        Assert.Equal(new SourcePosition(2, 11), map.Locate("a.b[0].c.d.e"));
        Assert.Equal(new SourcePosition(2, 9), map.Locate("a.b[0].missing"));
        Assert.Equal(new SourcePosition(1, 1), map.Locate("a.nothing[3]"));
        Assert.Equal(SourcePosition.Start, map.Locate("zzz"));
    }

    [Fact]
    public void Crlf_tabs_and_a_byte_order_mark()
    {
        var map = Map("\uFEFFa = 1\r\n\tb = 2\r\nc = [\r\n\t{ d = 1 }\r\n]\r\n");
        At(map, "a", 1, 2);
        At(map, "b", 2, 2);
        At(map, "c[0].d", 4, 4);
    }

    [Fact]
    public void Triple_quoted_strings_span_lines()
    {
        var map = Map("a = \"\"\"one\ntwo\"\"\"\nb = 1\n");
        At(map, "b", 3, 1);
    }

    [Fact]
    public void Values_on_the_next_line_and_separators()
    {
        var map = Map("a =\n  { b : 1, c = 2 }\nd: 3\n");
        At(map, "a.b", 2, 5);
        At(map, "a.c", 2, 12);
        At(map, "d", 3, 1);
    }

    [Fact]
    public void Parsed_positions_match_the_scanner_for_a_whole_example()
    {
        // every chain, link, step and expectation of the quickstart sits where its "{" is
        var text = Examples.Text("quickstart.conf");
        var lines = text.Split('\n');
        var s = ScenarioParser.Parse(text, "quickstart.conf");
        foreach (var loc in s.Chains.Select(c => c.Location).Concat(s.Links.Select(l => l.Location))
                     .Concat(s.Steps.Select(x => x.Location)).Concat(s.Expectations.Select(e => e.Location)))
            Assert.Equal('{', lines[loc.Line - 1][loc.Column - 1]);
    }
}
