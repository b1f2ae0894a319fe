using EcgBridge.Core.Audit;
using Microsoft.Extensions.Options;

namespace EcgBridge.Host.Delivery.Sinks;

/// <summary>RiskAssessments to the EHR's FHIR server (conditional create, so a redelivery does not duplicate).</summary>
internal sealed class EhrResultSink(EhrClient ehr, IOptions<EhrOptions> options) : IResultSink
{
    public string Kind => OutboxKinds.EhrRiskAssessment;

    public async Task<SinkResult> DeliverAsync(string payload, CancellationToken cancellationToken)
    {
        if (!options.Value.Configured)
        {
            return SinkResult.Refused(HostCodes.EhrNotConfigured);
        }

        EhrDeliveryResult result = await ehr.DeliverRiskAssessmentAsync(payload, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            EhrDeliveryStatus.Delivered => new SinkResult(SinkStatus.Delivered, null, result.HttpStatus),
            EhrDeliveryStatus.Refused => SinkResult.Refused(result.Code ?? HostCodes.EhrRefused, result.HttpStatus),
            _ => SinkResult.Retry(result.Code ?? HostCodes.EhrUnavailable, result.HttpStatus),
        };
    }
}
