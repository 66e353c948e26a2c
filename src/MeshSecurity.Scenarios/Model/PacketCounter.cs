namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// Which counter a packets expectation reads: packets sent, received, acknowledged (with either ack), acknowledged with a
/// success ack or with an error ack (the report's acknowledged and error_acknowledged), timed out.
/// </summary>
public enum PacketCounter
{
    Sent,
    Received,
    Acknowledged,
    AcknowledgedOk,
    AcknowledgedError,
    TimedOut,
}
