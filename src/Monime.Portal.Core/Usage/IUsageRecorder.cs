namespace Monime.Portal.Usage;

/// <summary>
/// Takes note of API calls for the usage views. Recording never touches the database on the request's path:
/// calls are buffered in memory and written in batches.
/// </summary>
public interface IUsageRecorder
{
    void Record(ApiCall call);
}
