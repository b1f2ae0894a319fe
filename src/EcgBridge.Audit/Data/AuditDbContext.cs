using Microsoft.EntityFrameworkCore;

namespace EcgBridge.Audit.Data;

/// <summary>
/// The audit database model, shared by both providers. Each provider has its own subclass and migrations
/// (<see cref="PostgresAuditDbContext"/>, <see cref="SqliteAuditDbContext"/>) because the SQL differs.
/// </summary>
public abstract class AuditDbContext : DbContext
{
    protected AuditDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<AuditRow> Audit => Set<AuditRow>();

    public DbSet<InboxRow> Inbox => Set<InboxRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    public DbSet<RiskAssessmentRow> RiskAssessments => Set<RiskAssessmentRow>();

    public DbSet<EcgTensorRow> EcgTensors => Set<EcgTensorRow>();

    public DbSet<AuditCheckpointRow> Checkpoints => Set<AuditCheckpointRow>();

    public DbSet<OutcomeFeedbackRow> OutcomeFeedback => Set<OutcomeFeedbackRow>();

    public DbSet<EcgFeaturesRow> EcgFeatures => Set<EcgFeaturesRow>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<AuditRow>(e =>
        {
            e.ToTable("audit");
            e.HasKey(x => x.Seq);
            e.Property(x => x.Seq).HasColumnName("seq").ValueGeneratedNever();
            e.Property(x => x.HashVersion).HasColumnName("hash_version").ValueGeneratedNever();
            e.Property(x => x.ChainId).HasColumnName("chain_id").ValueGeneratedNever();
            e.Property(x => x.ChainSeq).HasColumnName("chain_seq").ValueGeneratedNever();
            e.Property(x => x.RiskAssessmentSha256).HasColumnName("risk_assessment_sha256");
            e.Property(x => x.OutboxSha256).HasColumnName("outbox_sha256");
            e.Property(x => x.ReceivedAt).HasColumnName("received_at");
            e.Property(x => x.FinishedAt).HasColumnName("finished_at");
            e.Property(x => x.Channel).HasColumnName("channel");
            e.Property(x => x.SourceSystem).HasColumnName("source_system");
            e.Property(x => x.MessageId).HasColumnName("message_id");
            e.Property(x => x.DedupeKey).HasColumnName("dedupe_key");
            e.Property(x => x.RawSha256).HasColumnName("raw_sha256");
            e.Property(x => x.TensorSha256).HasColumnName("tensor_sha256");
            e.Property(x => x.ModelName).HasColumnName("model_name");
            e.Property(x => x.ModelVersion).HasColumnName("model_version");
            e.Property(x => x.ModelSha256).HasColumnName("model_sha256");
            e.Property(x => x.PreprocessingVersion).HasColumnName("preprocessing_version");
            e.Property(x => x.Probability).HasColumnName("probability");
            e.Property(x => x.Risk).HasColumnName("risk");
            e.Property(x => x.RiskAssessmentId).HasColumnName("risk_assessment_id");
            e.Property(x => x.Outcome).HasColumnName("outcome");
            e.Property(x => x.ErrorCodes).HasColumnName("error_codes");
            e.Property(x => x.DecodeMs).HasColumnName("decode_ms");
            e.Property(x => x.NormalizeMs).HasColumnName("normalize_ms");
            e.Property(x => x.ScoreMs).HasColumnName("score_ms");
            e.Property(x => x.RecordMs).HasColumnName("record_ms");
            e.Property(x => x.PatientIdHash).HasColumnName("patient_id_hash");
            e.Property(x => x.PrevHash).HasColumnName("prev_hash");
            e.Property(x => x.Hash).HasColumnName("hash");
            e.HasIndex(x => x.DedupeKey).HasDatabaseName("ix_audit_dedupe_key");
            e.HasIndex(x => x.PatientIdHash).HasDatabaseName("ix_audit_patient_id_hash");
            e.HasIndex(x => x.ReceivedAt).HasDatabaseName("ix_audit_received_at");
            e.HasIndex(x => x.MessageId).HasDatabaseName("ix_audit_message_id");
            e.HasIndex(x => new { x.ChainId, x.ChainSeq }).IsUnique().HasDatabaseName("ux_audit_chain_id_chain_seq");
        });

        modelBuilder.Entity<InboxRow>(e =>
        {
            e.ToTable("inbox");
            e.HasKey(x => x.DedupeKey);
            e.Property(x => x.DedupeKey).HasColumnName("dedupe_key");
            e.Property(x => x.FirstSeenAt).HasColumnName("first_seen_at");
            e.Property(x => x.Channel).HasColumnName("channel");
            e.Property(x => x.State).HasColumnName("state");
            e.Property(x => x.AnswerCode).HasColumnName("answer_code");
            e.Property(x => x.AnswerContentType).HasColumnName("answer_content_type");
            e.Property(x => x.AnswerBody).HasColumnName("answer_body");
            e.Property(x => x.FirstSeq).HasColumnName("first_seq");
            e.Property(x => x.ResultSeq).HasColumnName("result_seq");
            e.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<OutboxRow>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(x => x.AuditSeq).HasColumnName("audit_seq");
            e.Property(x => x.DedupeKey).HasColumnName("dedupe_key");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.Payload).HasColumnName("payload");
            e.Property(x => x.Status).HasColumnName("status");
            e.Property(x => x.Attempts).HasColumnName("attempts");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.NextAttemptAt).HasColumnName("next_attempt_at");
            e.Property(x => x.DoneAt).HasColumnName("done_at");
            e.Property(x => x.LastErrorCode).HasColumnName("last_error_code");
            e.Property(x => x.LastHttpStatus).HasColumnName("last_http_status");
            e.HasIndex(x => new { x.Status, x.NextAttemptAt }).HasDatabaseName("ix_outbox_status_next_attempt_at");

            // One delivery of each kind per message: a redelivered result cannot queue a second RiskAssessment.
            e.HasIndex(x => new { x.DedupeKey, x.Kind }).IsUnique().HasDatabaseName("ux_outbox_dedupe_key_kind");
        });

        modelBuilder.Entity<RiskAssessmentRow>(e =>
        {
            e.ToTable("risk_assessment");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id");
            e.Property(x => x.DedupeKey).HasColumnName("dedupe_key");
            e.Property(x => x.AuditSeq).HasColumnName("audit_seq");
            e.Property(x => x.Subject).HasColumnName("subject");
            e.Property(x => x.Occurrence).HasColumnName("occurrence");
            e.Property(x => x.Json).HasColumnName("json");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.OrderId).HasColumnName("order_id");
            e.HasIndex(x => new { x.Subject, x.Occurrence }).HasDatabaseName("ix_risk_assessment_subject_occurrence");
            e.HasIndex(x => x.OrderId).HasDatabaseName("ix_risk_assessment_order_id");
        });

        modelBuilder.Entity<EcgTensorRow>(e =>
        {
            e.ToTable("ecg_tensor");
            e.HasKey(x => x.AuditSeq);
            e.Property(x => x.AuditSeq).HasColumnName("audit_seq").ValueGeneratedNever();
            e.Property(x => x.Encoding).HasColumnName("encoding");
            e.Property(x => x.Leads).HasColumnName("leads");
            e.Property(x => x.Samples).HasColumnName("samples");
            e.Property(x => x.Data).HasColumnName("data");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");

            // Retention deletes by age.
            e.HasIndex(x => x.CreatedAt).HasDatabaseName("ix_ecg_tensor_created_at");
        });

        modelBuilder.Entity<AuditCheckpointRow>(e =>
        {
            e.ToTable("audit_checkpoint");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(x => x.ChainId).HasColumnName("chain_id");
            e.Property(x => x.Number).HasColumnName("number");
            e.Property(x => x.RowCount).HasColumnName("row_count");
            e.Property(x => x.HeadHash).HasColumnName("head_hash");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.Property(x => x.KeyId).HasColumnName("key_id");
            e.Property(x => x.Algorithm).HasColumnName("algorithm");
            e.Property(x => x.Signature).HasColumnName("signature");
            e.HasIndex(x => new { x.ChainId, x.Number }).IsUnique().HasDatabaseName("ux_audit_checkpoint_chain_id_number");
        });

        modelBuilder.Entity<OutcomeFeedbackRow>(e =>
        {
            e.ToTable("outcome_feedback");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(x => x.FeedbackKey).HasColumnName("feedback_key");
            e.Property(x => x.DedupeKey).HasColumnName("dedupe_key");
            e.Property(x => x.RiskAssessmentId).HasColumnName("risk_assessment_id");
            e.Property(x => x.Kind).HasColumnName("kind");
            e.Property(x => x.Confirmed).HasColumnName("confirmed");
            e.Property(x => x.Response).HasColumnName("response");
            e.Property(x => x.Finding).HasColumnName("finding");
            e.Property(x => x.OccurredAt).HasColumnName("occurred_at");
            e.Property(x => x.ReceivedAt).HasColumnName("received_at");
            e.Property(x => x.AuditSeq).HasColumnName("audit_seq");
            e.HasIndex(x => x.FeedbackKey).IsUnique().HasDatabaseName("ux_outcome_feedback_feedback_key");
            e.HasIndex(x => x.DedupeKey).HasDatabaseName("ix_outcome_feedback_dedupe_key");
        });

        modelBuilder.Entity<EcgFeaturesRow>(e =>
        {
            e.ToTable("ecg_features");
            e.HasKey(x => x.AuditSeq);
            e.Property(x => x.AuditSeq).HasColumnName("audit_seq").ValueGeneratedNever();
            e.Property(x => x.HeartRateBpm).HasColumnName("heart_rate_bpm");
            e.Property(x => x.AmplitudeMv).HasColumnName("amplitude_mv");
            e.Property(x => x.CreatedAt).HasColumnName("created_at");
            e.HasIndex(x => x.CreatedAt).HasDatabaseName("ix_ecg_features_created_at");
        });
    }
}
