namespace MeshSecurity.Scenarios.Parsing;

internal enum HoconNodeKind
{
    Empty,
    Null,
    Text,
    Object,
    List,
}
