"""Contract testing against any backend: ``conform``, ``compare`` and ``proxy``.

The specs in ``specs/`` are worth as much as their honesty about the real services. This
package points them at a backend (the mock, or a real service) and reports where the backend
and the documents disagree. The commands in ``mock_server.commands`` are thin wrappers.
"""
