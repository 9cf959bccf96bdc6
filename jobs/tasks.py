from django.tasks import task

from jobs.models import Job


@task()
def run_job(job_id):
    """Work on a background job until none of its items is left."""
    job = Job.objects.select_related("project").filter(pk=job_id).first()
    if job is not None:
        job.work()
