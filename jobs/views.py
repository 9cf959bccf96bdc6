from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jobs.models import JobItem
from projects.access import project_for_member


def _job_for_member(request, project_code, job_code):
    project = project_for_member(request, project_code)
    job = get_object_or_404(project.jobs.select_related("created_by"), code=job_code)
    job.project = project
    return job


def _progress(job):
    progress = job.progress()
    return {
        **progress,
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "finished": job.is_finished,
        "stalled": job.is_stalled,
        "processed_label": _("%(processed)d of %(total)d") % progress,
    }


@login_required
def job_list(request, project_code):
    project = project_for_member(request, project_code)
    jobs = project.jobs.select_related("created_by")
    page = Paginator(jobs, 25).get_page(request.GET.get("page"))
    return render(request, "jobs/job_list.html", {"project": project, "page": page})


@login_required
def job_detail(request, project_code, job_code):
    job = _job_for_member(request, project_code, job_code)
    problems = job.items.filter(
        state__in=[JobItem.State.FAILED, JobItem.State.SKIPPED]
    ).select_related("participant")
    return render(
        request,
        "jobs/job_detail.html",
        {
            "project": job.project,
            "job": job,
            "progress": _progress(job),
            "problems": Paginator(problems.order_by("state", "pk"), 100).get_page(
                request.GET.get("page")
            ),
        },
    )


@require_GET
@login_required
def job_status(request, project_code, job_code):
    """The job's progress as JSON, for the page's live progress bar."""
    job = _job_for_member(request, project_code, job_code)
    return JsonResponse(_progress(job))


@require_GET
@login_required
def job_result(request, project_code, job_code):
    job = _job_for_member(request, project_code, job_code)
    if job.result_has_expired:
        context = {"project": job.project, "job": job}
        return render(request, "jobs/result_expired.html", context, status=410)
    if not job.result:
        raise Http404
    return FileResponse(
        job.result.open("rb"),
        as_attachment=True,
        filename=job.options.get("filename") or job.result.name.rsplit("/", 1)[-1],
    )


@require_POST
@login_required
def job_retry(request, project_code, job_code):
    job = _job_for_member(request, project_code, job_code)
    if job.retry():
        messages.success(request, _("The task was started again for what was left."))
    else:
        messages.info(request, _("There is nothing to try again: the task is still working."))
    return redirect(job)
