using System.Diagnostics;
using EcgBridge.Host.Telemetry;

namespace EcgBridge.IntegrationTests.Telemetry;

public sealed class PhiSafeActivityProcessorTests
{
    [Fact]
    public void Drops_query_and_server_path_and_cuts_the_query_from_full_urls()
    {
        using var activity = new Activity("GET");
        activity.SetIdFormat(ActivityIdFormat.W3C);
        activity.Start();
        activity.SetTag("url.query", "subject=Patient/123");
        activity.SetTag("url.path", "/fhir/Patient/123");
        activity.SetTag("http.target", "/fhir/RiskAssessment?subject=Patient/123");
        activity.SetTag("url.full", "https://ehr.example/fhir/RiskAssessment?subject=Patient/123#x");
        activity.SetTag("http.route", "/fhir/RiskAssessment");
        SetKind(activity, ActivityKind.Server);

        using (var processor = new PhiSafeActivityProcessor())
        {
            processor.OnEnd(activity);
        }

        Assert.Null(activity.GetTagItem("url.query"));
        Assert.Null(activity.GetTagItem("url.path"));
        Assert.Null(activity.GetTagItem("http.target"));
        Assert.Equal("https://ehr.example/fhir/RiskAssessment", activity.GetTagItem("url.full"));
        Assert.Equal("/fhir/RiskAssessment", activity.GetTagItem("http.route"));
    }

    [Fact]
    public void Keeps_the_path_of_a_client_call()
    {
        using var activity = new Activity("POST");
        activity.Start();
        activity.SetTag("url.path", "/fhir/RiskAssessment");
        SetKind(activity, ActivityKind.Client);

        using (var processor = new PhiSafeActivityProcessor())
        {
            processor.OnEnd(activity);
        }

        Assert.Equal("/fhir/RiskAssessment", activity.GetTagItem("url.path"));
    }

    // Activity.Kind has an internal setter for activities not created by an ActivitySource; a listener-free source cannot start one.
    private static void SetKind(Activity activity, ActivityKind kind) =>
        typeof(Activity).GetProperty(nameof(Activity.Kind))!.SetValue(activity, kind);
}
