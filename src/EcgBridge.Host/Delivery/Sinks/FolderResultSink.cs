using System.Text.Json;
using EcgBridge.Core.Audit;
using EcgBridge.Host.Folders;

namespace EcgBridge.Host.Delivery.Sinks;

/// <summary>RiskAssessment files into a watched folder's results folder.</summary>
internal sealed class FolderResultSink(FolderRegistry folders) : IResultSink
{
    public string Kind => OutboxKinds.FolderRiskAssessment;

    public async Task<SinkResult> DeliverAsync(string payload, CancellationToken cancellationToken)
    {
        FolderResult? result = JsonSerializer.Deserialize<FolderResult>(payload);
        return result is not null && await folders.WriteResultAsync(result.Folder, result.FileName, result.ResourceJson, cancellationToken).ConfigureAwait(false)
            ? SinkResult.Delivered
            : SinkResult.Refused(FolderCodes.ResultsFolderUnknown);
    }
}
